package org.openuid.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.uid.SaltTable;
import org.openuid.server.state.OperatorState;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The operator's Prometheus metrics (Micrometer): requests by route and status, business counters by site,
 * key and salt ages, snapshot age, opt-out index size and the JVM. Served on the ops listener at /metrics.
 */
public final class OperatorMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Business events counted per site. */
    public enum Event {
        TOKEN_GENERATED("openuid_tokens_generated", "tokens issued by /v2/token/generate and client-generate"),
        TOKEN_REFRESHED("openuid_tokens_refreshed", "token pairs issued by /v2/token/refresh"),
        TOKEN_OPTOUT("openuid_tokens_optout", "generate or refresh requests answered optout"),
        IDENTITY_MAPPED("openuid_identities_mapped", "identities mapped to raw UIDs"),
        OPTOUT_RECORDED("openuid_optouts_recorded", "opt-outs recorded");

        final String meter;
        final String help;

        Event(String meter, String help) { this.meter = meter; this.help = help; }
    }

    private volatile boolean jvmBound;

    public OperatorMetrics(OperatorState state, LongSupplier clock) {
        gauge("openuid_snapshot_age_seconds", "seconds since the snapshot was last confirmed current with the store",
                state, s -> (clock.getAsLong() - s.lastRefreshMs()) / 1000.0);
        gauge("openuid_store_refresh_failing", "1 while the store cannot be read (serving the last snapshot)",
                state, s -> s.lastRefreshError() == null ? 0 : 1);
        gauge("openuid_optout_index_size", "opt-out records in this node's index", state, s -> s.optOuts().size());
        gauge("openuid_health_status", "0 serving current data, 1 degraded (serving the last snapshot), 2 failing closed",
                state, s -> s.health().status().ordinal());
        gauge("openuid_store_notifications_connected", "1 while change notifications from the store are received",
                state, s -> s.changeNotificationsConnected() ? 1 : 0);
        gauge("openuid_salt_buckets", "salt buckets in the snapshot", state, s -> s.snapshot().salts().size());
        gauge("openuid_salt_last_rotation_age_seconds", "seconds since the most recent bucket rotation", state,
                s -> (clock.getAsLong() - newestRotation(s.snapshot().salts())) / 1000.0);
        gauge("openuid_master_key_age_seconds", "age of the active master key", state,
                s -> keyAge(s.snapshot().masterKey(clock.getAsLong() / 1000), clock));
        gauge("openuid_refresh_key_age_seconds", "age of the active refresh key", state,
                s -> keyAge(s.snapshot().refreshKey(clock.getAsLong() / 1000), clock));
        gauge("openuid_master_key_expires_in_seconds", "seconds until the active master key expires", state,
                s -> expiresIn(s.snapshot().masterKey(clock.getAsLong() / 1000), clock));
        gauge("openuid_refresh_key_expires_in_seconds", "seconds until the active refresh key expires", state,
                s -> expiresIn(s.snapshot().refreshKey(clock.getAsLong() / 1000), clock));
    }

    /**
     * Binds the JVM's meters (memory, GC, threads, classes, processor) once; all of them are read when scraped (for GC
     * see {@link GcMeters}). They go through the JVM's management beans, several hundred classes that a start would
     * otherwise load before it listens; the server binds them a few seconds after start, and a scrape that comes
     * first binds them itself, so no scrape lacks them.
     */
    public void bindJvmMetrics() {
        if (jvmBound) return;
        synchronized (this) {
            if (jvmBound) return;
            new JvmMemoryMetrics().bindTo(registry);
            new GcMeters().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            jvmBound = true;
        }
    }

    private void gauge(String name, String help, OperatorState state, ToDoubleFunction<OperatorState> f) {
        Gauge.builder(name, state, f).description(help).register(registry);
    }

    private static double keyAge(KeysetKey k, LongSupplier clock) {
        return k == null ? Double.NaN : clock.getAsLong() / 1000.0 - k.activates();
    }

    private static double expiresIn(KeysetKey k, LongSupplier clock) {
        return k == null ? Double.NaN : k.expires() - clock.getAsLong() / 1000.0;
    }

    private static long newestRotation(SaltTable t) {
        long newest = Long.MIN_VALUE;
        for (int i = 0, n = t.size(); i < n; i++) newest = Math.max(newest, t.lastUpdated(i));
        return newest;
    }

    /** Meters already registered, so that a request does not build and look up a meter id (tags sorted) each time. */
    private final ConcurrentHashMap<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<CountKey, Counter> counters = new ConcurrentHashMap<>();

    private record RequestKey(String route, String method, int status) {}

    private record CountKey(Event event, int siteId) {}

    /** Records one HTTP request: the route template (never the raw path), method and status. */
    public void request(String route, String method, int status, long nanos) {
        RequestKey key = new RequestKey(route, method, status);
        Timer timer = requestTimers.get(key);
        if (timer == null) {
            timer = requestTimers.computeIfAbsent(key, k -> Timer.builder("openuid_http_requests")
                    .description("HTTP requests of the public API")
                    .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                    .publishPercentileHistogram(false)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void count(Event event, int siteId) {
        count(event, siteId, 1);
    }

    public void count(Event event, int siteId, long amount) {
        CountKey key = new CountKey(event, siteId);
        Counter counter = counters.get(key);
        if (counter == null) {
            counter = counters.computeIfAbsent(key, k -> Counter.builder(event.meter).description(event.help)
                    .tag("site_id", Integer.toString(siteId)).register(registry));
        }
        counter.increment(amount);
    }

    /** Prometheus text exposition. */
    public String scrape() {
        bindJvmMetrics();
        return registry.scrape();
    }

    /** The registry, with the JVM's meters bound. */
    public PrometheusMeterRegistry registry() {
        bindJvmMetrics();
        return registry;
    }
}
