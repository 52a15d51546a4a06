package org.openuid.bench.load;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

/**
 * The due, sent and answered instants ({@link System#nanoTime()}) of every request measured in a fixed-rate window, so
 * that the slowest ones can be laid beside what the server did at the same moments: {@code System.nanoTime()} reads
 * the same monotonic clock in every process of the machine, the clock that the server's {@code -Xlog} decoration
 * {@code timenanos} prints.
 */
public final class Timeline {
    private long[] due = new long[1 << 14];
    private long[] sent = new long[1 << 14];
    private long[] done = new long[1 << 14];
    private int size;
    long windowOpen;
    long windowClose;
    /** Wall-clock nanoseconds minus {@code System.nanoTime()}, to place flight-recorder events (wall clock). */
    final long epochMinusNano = epochMinusNano();

    void add(long dueAt, long sentAt, long doneAt) {
        if (size == due.length) {
            due = Arrays.copyOf(due, size * 2);
            sent = Arrays.copyOf(sent, size * 2);
            done = Arrays.copyOf(done, size * 2);
        }
        due[size] = dueAt;
        sent[size] = sentAt;
        done[size++] = doneAt;
    }

    int size() { return size; }

    /** Forgets every request added so far (those of the warm-up). */
    void clear() {
        size = 0;
    }

    private static long epochMinusNano() {
        Instant now = Instant.now();
        long nano = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
    }

    /**
     * Writes the window and the requests at or above either threshold (from due, or sent → answered), one per line:
     * {@code due sent done} in nanoseconds of {@code System.nanoTime()}; {@code extraHeader} (comment lines, e.g. the
     * run-queue samples of {@link RunQueueSampler}) goes before them.
     */
    void writeTail(Path file, long thresholdNanos, long serviceThresholdNanos, String extraHeader) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# window " + windowOpen + " " + windowClose + "\n");
            w.write("# epoch_minus_nano " + epochMinusNano + "\n");
            w.write("# requests " + size + "\n");
            w.write("# p99 " + thresholdNanos + " " + serviceThresholdNanos + "\n");
            w.write(extraHeader);
            for (int i = 0; i < size; i++) {
                if (done[i] - due[i] >= thresholdNanos || done[i] - sent[i] >= serviceThresholdNanos) {
                    w.write(due[i] + " " + sent[i] + " " + done[i] + "\n");
                }
            }
        }
    }
}
