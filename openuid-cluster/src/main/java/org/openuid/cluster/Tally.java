package org.openuid.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one scenario's traffic: requests sent and failed per endpoint (a failure is any answer other than
 * the expected 200, an exception, or an answer that failed verification), and every failure with its time, so that
 * the report can say which fault it fell into.
 */
final class Tally {
    /** One failed request: when (ms since the scenario started), which endpoint, what went wrong. */
    record Failure(long atMs, String endpoint, String what) {}

    private static final int KEPT_FAILURES = 5_000;
    private final long startMs = System.currentTimeMillis();
    private final Map<String, LongAdder> sent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    void ok(String endpoint) { sent.computeIfAbsent(endpoint, e -> new LongAdder()).increment(); }

    void failed(String endpoint, String what) {
        ok(endpoint);
        failed.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
        synchronized (failures) {
            if (failures.size() < KEPT_FAILURES) failures.add(new Failure(sinceStart(), endpoint, what));
        }
    }

    long sinceStart() { return System.currentTimeMillis() - startMs; }

    long startMs() { return startMs; }

    Map<String, long[]> byEndpoint() {
        Map<String, long[]> out = new TreeMap<>();
        sent.forEach((e, n) -> out.put(e, new long[] {n.sum(), failed.containsKey(e) ? failed.get(e).sum() : 0}));
        return out;
    }

    long totalSent() { return sent.values().stream().mapToLong(LongAdder::sum).sum(); }

    long totalFailed() { return failed.values().stream().mapToLong(LongAdder::sum).sum(); }

    List<Failure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}
