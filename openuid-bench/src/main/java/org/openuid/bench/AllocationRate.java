package org.openuid.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.HashMap;
import java.util.Map;

/**
 * Bytes a JVM allocated per second over a flight recording, from its exact per-thread counters: the
 * {@code jdk.ThreadAllocationStatistics} events (each thread's bytes allocated since it started, read at the
 * recording's start and end and at every period). The rate is the sum over threads of what each allocated between
 * its first and its last reading, over the time from the first reading of any thread to the last; a thread read only
 * once (started or ended during the recording) adds nothing.
 */
final class AllocationRate {
    private static final String EVENT = "jdk.ThreadAllocationStatistics";

    /** Per thread: {first nanos, first bytes, last nanos, last bytes}. */
    private final Map<Long, long[]> threads = new HashMap<>();
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;

    /** Takes a recording's event; events of other types are ignored. */
    void accept(RecordedEvent e) {
        if (!e.getEventType().getName().equals(EVENT)) return;
        RecordedThread t = e.getThread("thread");
        if (t == null) return;
        add(t.getId(), TailAnalysis.nanos(e.getStartTime()), e.getLong("allocated"));
    }

    /** One reading: {@code thread} had allocated {@code bytes} in all at {@code nanos}. */
    void add(long thread, long nanos, long bytes) {
        firstNanos = Math.min(firstNanos, nanos);
        lastNanos = Math.max(lastNanos, nanos);
        long[] t = threads.get(thread);
        if (t == null) {
            threads.put(thread, new long[]{nanos, bytes, nanos, bytes});
            return;
        }
        if (nanos < t[0]) {
            t[0] = nanos;
            t[1] = bytes;
        }
        if (nanos > t[2]) {
            t[2] = nanos;
            t[3] = bytes;
        }
    }

    /** @return bytes allocated per second by all threads, or 0 without two readings at different times */
    double bytesPerSecond() {
        if (lastNanos <= firstNanos) return 0;
        long bytes = 0;
        for (long[] t : threads.values()) bytes += t[3] - t[1];
        return bytes / ((lastNanos - firstNanos) / 1e9);
    }
}
