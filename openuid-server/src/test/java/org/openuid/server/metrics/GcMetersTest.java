package org.openuid.server.metrics;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GcMetersTest {
    @Test
    void oneTimerPerCollectorThatCountsCollectionsWhenRead() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new GcMeters().bindTo(registry);
        int collectors = ManagementFactory.getGarbageCollectorMXBeans().size();
        assertThat(registry.find("jvm.gc.collection").functionTimers()).hasSize(collectors);

        double before = total(registry);
        System.gc();
        assertThat(total(registry)).isGreaterThan(before);
        for (FunctionTimer t : registry.find("jvm.gc.collection").functionTimers()) {
            assertThat(t.getId().getTag("gc")).isNotBlank();
            assertThat(t.totalTime(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
        }
    }

    private static double total(SimpleMeterRegistry registry) {
        return registry.find("jvm.gc.collection").functionTimers().stream().mapToDouble(FunctionTimer::count).sum();
    }
}
