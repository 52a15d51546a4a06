package org.openuid.server.metrics;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Collections per collector and their accumulated time ({@code jvm_gc_collection_seconds_count} and
 * {@code _sum}, tag {@code gc}), read from the JVM's collector beans when scraped.
 *
 * <p>Micrometer's {@code JvmGcMetrics} instead subscribes to the JVM's GC notifications: for every collection the
 * JVM builds a notification (memory usage of every pool before and after, as JMX open data) and hands it to a thread
 * of its own, which the listener then takes apart. On a node whose event loop shares its core with the rest of the
 * JVM that work runs right after each pause, while the requests queued during the pause wait: it made each young
 * pause about half as long again. Reading two counters per collector at scrape time costs nothing between scrapes.
 * For a concurrent collector the JVM counts cycles and their time, not only pauses.
 */
final class GcMeters implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            FunctionTimer.builder("jvm.gc.collection", gc, b -> Math.max(0, b.getCollectionCount()),
                            b -> Math.max(0, b.getCollectionTime()), TimeUnit.MILLISECONDS)
                    .tag("gc", gc.getName())
                    .description("collections by this collector and their accumulated time, as the JVM reports them")
                    .register(registry);
        }
    }
}
