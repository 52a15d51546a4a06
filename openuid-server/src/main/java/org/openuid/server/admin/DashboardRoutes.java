package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.Json;
import org.openuid.server.state.NodeHealth;
import org.openuid.store.StoreData;

import java.util.Map;
import java.util.TreeMap;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code GET /admin/v1/dashboard}: this node's request counts and rates, tokens issued, key and salt ages, opt-out
 * count and object counts (docs/admin.md, "Dashboard"). Counts come from the node's Micrometer registry (the same
 * meters as the ops listener's /metrics), so they cover this node since it started.
 */
final class DashboardRoutes {
    private DashboardRoutes() {}

    /** Totals the rate sampler follows. */
    record Totals(double requests, double clientErrors, double serverErrors, double generated, double refreshed) {}

    static void register(Router router, AdminContext ctx, RateSampler sampler) {
        route(router, HttpMethod.GET, "/admin/v1/dashboard", r -> dashboard(ctx, sampler));
    }

    static Totals totals(AdminContext ctx) {
        var registry = ctx.op().metrics().registry();
        double requests = 0;
        double clientErrors = 0;
        double serverErrors = 0;
        for (Timer t : Search.in(registry).name("openuid_http_requests").timers()) {
            long n = t.count();
            requests += n;
            String status = t.getId().getTag("status");
            if (status != null && status.startsWith("4")) clientErrors += n;
            if (status != null && status.startsWith("5")) serverErrors += n;
        }
        return new Totals(requests, clientErrors, serverErrors, sum(registry, "openuid_tokens_generated"),
                sum(registry, "openuid_tokens_refreshed"));
    }

    private static double sum(io.micrometer.core.instrument.MeterRegistry registry, String name) {
        double total = 0;
        for (Counter c : Search.in(registry).name(name).counters()) total += c.count();
        return total;
    }

    private static ObjectNode dashboard(AdminContext ctx, RateSampler sampler) {
        var registry = ctx.op().metrics().registry();
        ObjectNode out = Json.mapper().createObjectNode();
        Totals now = totals(ctx);
        ObjectNode req = out.putObject("requests");
        req.put("total", (long) now.requests());
        req.put("client_errors", (long) now.clientErrors());
        req.put("server_errors", (long) now.serverErrors());
        RateSampler.Rates rates = sampler.rates(ctx.nowMs(), now);
        req.put("per_second", rates.requestsPerSecond());
        req.put("rate_window_seconds", rates.windowSeconds());
        Map<String, Long> byRoute = new TreeMap<>();
        for (Timer t : Search.in(registry).name("openuid_http_requests").timers())
            byRoute.merge(t.getId().getTag("method") + " " + t.getId().getTag("route"), t.count(), Long::sum);
        ObjectNode routes = req.putObject("by_route");
        byRoute.forEach(routes::put);
        ArrayNode series = req.putArray("history");
        for (RateSampler.Point p : sampler.history()) series.add(Json.mapper().createArrayNode().add(p.atMs()).add(p.requestsPerSecond()));

        ObjectNode tokens = out.putObject("tokens");
        tokens.put("generated", (long) now.generated());
        tokens.put("refreshed", (long) now.refreshed());
        tokens.put("optout_answers", (long) sum(registry, "openuid_tokens_optout"));
        tokens.put("identities_mapped", (long) sum(registry, "openuid_identities_mapped"));
        tokens.put("generated_per_second", rates.generatedPerSecond());
        tokens.put("refreshed_per_second", rates.refreshedPerSecond());

        Snapshot s = ctx.op().state().snapshot();
        long nowSec = ctx.nowSec();
        ObjectNode keys = out.putObject("keys");
        key(keys, "master", s.masterKey(nowSec), nowSec);
        key(keys, "refresh", s.refreshKey(nowSec), nowSec);
        keys.put("total", s.keysSortedById().size());
        keys.put("rotation_enabled", ctx.op().config().keyRotation().enabled());
        out.set("salts", AdminViews.salts(ctx.salts().state(), ctx.nowMs()));

        ObjectNode optouts = out.putObject("optouts");
        optouts.put("count", ctx.op().state().optOuts().size());
        optouts.put("raw_uid_count", ctx.op().state().optOuts().rawUidCount());

        StoreData data = ctx.store().loadAll();
        ObjectNode counts = out.putObject("counts");
        counts.put("sites", data.sites().size());
        counts.put("clients", data.clients().size());
        counts.put("clients_disabled", data.clients().stream().filter(ClientKey::disabled).count());
        counts.put("keysets", data.keysets().size());
        counts.put("keypairs", data.keypairs().size());

        ObjectNode node = out.putObject("node");
        NodeHealth health = ctx.op().state().health();
        node.put("health", health.status().name());
        node.put("health_reason", health.reason());
        node.put("snapshot_version", s.version());
        node.put("snapshot_age_seconds", (ctx.nowMs() - ctx.op().state().lastRefreshMs()) / 1000);
        node.put("identity_scope", ctx.op().config().identityScope().name());
        node.put("demo_mode", ctx.op().config().demoMode());
        return out;
    }

    private static void key(ObjectNode keys, String name, KeysetKey k, long nowSec) {
        if (k == null) {
            keys.putNull(name);
            return;
        }
        ObjectNode n = keys.putObject(name);
        n.put("key_id", k.id());
        n.put("age_seconds", nowSec - k.activates());
        n.put("expires_in_seconds", k.expires() - nowSec);
    }
}
