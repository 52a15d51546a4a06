package org.openuid.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TailAnalysisTest {
    @Test
    void readsSafepointsOfJdk17And25Logs() {
        List<TailAnalysis.Pause> p = TailAnalysis.safepoints(List.of(
                "[360727582239ns][gc       ] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 6M->3M(64M) 20.053ms",
                "[360727622396ns][safepoint] Safepoint \"G1CollectForAllocation\", Time since last: 918011972 ns, "
                        + "Reaching safepoint: 4268 ns, Cleanup: 66286 ns, At safepoint: 20228032 ns, Total: 20298586 ns",
                "[359789313482ns][safepoint] Safepoint \"Cleanup\", Time since last: 1702389072 ns, Reaching safepoint: "
                        + "1086767 ns, Cleanup: 70083 ns, At safepoint: 7073 ns, Total: 1163923 ns",
                "[373835954535ns][safepoint] Safepoint \"G1CollectForAllocation\", Time since last: 8449092570 ns, Reaching "
                        + "safepoint: 7424 ns, At safepoint: 236004187 ns, Leaving safepoint: 27873 ns, Total: 236039484 ns, "
                        + "Threads: 0 runnable, 10 total"));
        assertThat(p).containsExactly(
                new TailAnalysis.Pause("gc", 360727622396L - 20298586L, 360727622396L),
                new TailAnalysis.Pause("safepoint", 359789313482L - 1163923L, 359789313482L),
                new TailAnalysis.Pause("gc", 373835954535L - 236039484L, 373835954535L));
    }

    @Test
    void countsEachSlowRequestByTheFirstCauseThatFits() {
        long ms = 1_000_000;
        // window 0..1000 ms, 1000 requests, p99 threshold 5 ms (from due), 4 ms (sent -> answered)
        long[] header = {0, 1000 * ms, 0, 1000, 5 * ms, 4 * ms};
        List<TailAnalysis.Pause> pauses = List.of(new TailAnalysis.Pause("gc", 100 * ms, 106 * ms),
                new TailAnalysis.Pause("safepoint", 300 * ms, 301 * ms), new TailAnalysis.Pause("jit", 500 * ms, 540 * ms),
                new TailAnalysis.Pause("gc", 990 * ms, 1010 * ms));
        List<TailAnalysis.Request> slow = new ArrayList<>();
        slow.add(new TailAnalysis.Request(99 * ms, 99 * ms, 107 * ms));   // gc
        slow.add(new TailAnalysis.Request(298 * ms, 298 * ms, 304 * ms)); // safepoint
        slow.add(new TailAnalysis.Request(510 * ms, 510 * ms, 516 * ms)); // jit
        slow.add(new TailAnalysis.Request(700 * ms, 706 * ms, 707 * ms)); // driver: waited 6 of 7 ms
        slow.add(new TailAnalysis.Request(800 * ms, 800 * ms, 809 * ms)); // none
        ObjectNode n = TailAnalysis.analyse("java-17", "generate", header, slow, pauses);
        assertThat(n.path("p99").path("requests").asInt()).isEqualTo(5);
        assertThat(n.path("p99").path("gc").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("safepoint").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("jit").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("driver").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("other").asInt()).isEqualTo(1);
        assertThat(n.path("p999").path("requests").asInt()).isEqualTo(1);
        assertThat(n.path("p999").path("other").asInt()).isEqualTo(1);
        assertThat(n.path("service_p99").path("requests").asInt()).isEqualTo(4);
        // pauses are clipped to the window
        assertThat(n.path("gc").path("count").asInt()).isEqualTo(2);
        assertThat(n.path("gc").path("total_ms").asDouble()).isEqualTo(16.0);
        assertThat(n.path("jit").path("total_ms").asDouble()).isEqualTo(40.0);
        assertThat(n.path("p99").has("run_queue")).isFalse();
    }

    @Test
    void aRequestWhoseEventLoopWaitedForTheCoreMostOfItsTimeCountsAsRunQueue() {
        long ms = 1_000_000;
        long[] header = {0, 1000 * ms, 0, 1000, 5 * ms, 4 * ms};
        // samples every ms: the event loop waited 8 ms between 800 and 808 ms, nothing else
        List<long[]> runQueue = new ArrayList<>();
        for (long t = 0; t <= 1000; t++) runQueue.add(new long[]{t * ms, t < 800 ? 0 : Math.min(t - 800, 8) * ms});
        List<TailAnalysis.Request> slow = List.of(new TailAnalysis.Request(800 * ms, 800 * ms, 810 * ms),
                new TailAnalysis.Request(600 * ms, 600 * ms, 609 * ms));
        ObjectNode n = TailAnalysis.analyse("java-17", "generate", header, slow, List.of(), runQueue);
        assertThat(n.path("p99").path("run_queue").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("other").asInt()).isEqualTo(1);
        assertThat(n.path("run_queue_wait_ms").asDouble()).isEqualTo(8.0);
        assertThat(TailAnalysis.waitAt(runQueue, 804 * ms + 5)).isEqualTo(4 * ms);
    }

    @Test
    void aRequestWhoseDriverWaitedForItsCoreCountsAsDriverDescheduled() {
        long ms = 1_000_000;
        long[] header = {0, 1000 * ms, 0, 1000, 5 * ms, 4 * ms};
        // the server's event loop never waited; the driver's thread waited 6 ms between 300 and 306 ms
        List<long[]> runQueue = new ArrayList<>();
        List<long[]> driverQueue = new ArrayList<>();
        for (long t = 0; t <= 1000; t++) {
            runQueue.add(new long[]{t * ms, 0});
            driverQueue.add(new long[]{t * ms, t < 300 ? 0 : Math.min(t - 300, 6) * ms});
        }
        List<TailAnalysis.Request> slow = List.of(new TailAnalysis.Request(300 * ms, 300 * ms, 308 * ms),
                new TailAnalysis.Request(600 * ms, 600 * ms, 609 * ms));
        ObjectNode n = TailAnalysis.analyse("java-17", "generate", header, slow, List.of(), runQueue, driverQueue);
        assertThat(n.path("p99").path("driver_queue").asInt()).isEqualTo(1);
        assertThat(n.path("p99").path("run_queue").asInt()).isEqualTo(0);
        assertThat(n.path("p99").path("other").asInt()).isEqualTo(1);
        assertThat(n.path("driver_queue_wait_ms").asDouble()).isEqualTo(6.0);
    }
}
