package org.openuid.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Samples, about every millisecond, how long the server's event loop threads have so far waited in the run queue
 * (runnable, but another thread or process had the core: the second field of {@code /proc/<pid>/task/<tid>/schedstat}),
 * so that the tail analysis can tell which slow requests were answered late because the event loop did not get its
 * core. A daemon thread of the driver; costs the driver's core a few microseconds per sample.
 */
final class RunQueueSampler implements Runnable {
    private final List<Path> loops = new ArrayList<>();
    private long[] at = new long[1 << 14];
    private long[] waited = new long[1 << 14];
    private int size;
    private volatile boolean running = true;
    private Thread thread;

    RunQueueSampler(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm")).startsWith("vert.x-eventloo")) loops.add(t.resolve("schedstat"));
                } catch (IOException gone) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            loops.clear();
        }
    }

    void start() {
        if (loops.isEmpty()) return;
        thread = new Thread(this, "run-queue-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread == null) return;
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            long sum = 0;
            try {
                for (Path p : loops) sum += Long.parseLong(Files.readString(p).trim().split(" +")[1]);
            } catch (IOException | RuntimeException e) {
                return;
            }
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                waited = Arrays.copyOf(waited, size * 2);
            }
            at[size] = System.nanoTime();
            waited[size++] = sum;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Lines {@code # runq <nanoTime> <wait ns so far>}, for the tail file; call after {@link #stop()}. */
    String lines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) sb.append("# runq ").append(at[i]).append(' ').append(waited[i]).append('\n');
        return sb.toString();
    }
}
