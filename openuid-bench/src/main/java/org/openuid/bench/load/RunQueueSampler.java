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
 * core, and how long the driver's own measuring thread has waited the same way (it then reads answers late). A daemon
 * thread of the driver; costs the driver's core a few microseconds per sample.
 */
final class RunQueueSampler implements Runnable {
    private final List<Path> loops = new ArrayList<>();
    /** The driver's own measuring thread, or null when its schedstat could not be found. */
    private final Path driver;
    private long[] at = new long[1 << 14];
    private long[] waited = new long[1 << 14];
    private long[] driverWaited = new long[1 << 14];
    private int size;
    private volatile boolean running = true;
    private Thread thread;

    /**
     * @param pid the server's process
     * @param driverThread {@code /proc/<pid>/task/<tid>} of the driver thread that sends and reads, or null
     */
    RunQueueSampler(long pid, Path driverThread) {
        this.driver = driverThread == null ? null : driverThread.resolve("schedstat");
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
            long own = 0;
            try {
                for (Path p : loops) sum += runQueueWait(p);
                if (driver != null) own = runQueueWait(driver);
            } catch (IOException | RuntimeException e) {
                return;
            }
            if (size == at.length) {
                at = Arrays.copyOf(at, size * 2);
                waited = Arrays.copyOf(waited, size * 2);
                driverWaited = Arrays.copyOf(driverWaited, size * 2);
            }
            at[size] = System.nanoTime();
            driverWaited[size] = own;
            waited[size++] = sum;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long runQueueWait(Path schedstat) throws IOException {
        return Long.parseLong(Files.readString(schedstat).trim().split(" +")[1]);
    }

    /**
     * Lines {@code # runq <nanoTime> <wait ns so far>} and, when the driver's thread was found, {@code # drvq <nanoTime>
     * <wait ns so far>} (the driver's own run-queue wait: its other threads or other processes had its core, so it read
     * answers late), for the tail file; call after {@link #stop()}.
     */
    String lines() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) sb.append("# runq ").append(at[i]).append(' ').append(waited[i]).append('\n');
        if (driver != null) {
            for (int i = 0; i < size; i++) sb.append("# drvq ").append(at[i]).append(' ').append(driverWaited[i]).append('\n');
        }
        return sb.toString();
    }

    /** {@code /proc/<pid>/task/<tid>} of the calling thread, or null where there is no such file. */
    static Path currentThread() {
        try {
            return Path.of("/proc").resolve(Files.readSymbolicLink(Path.of("/proc/thread-self")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
