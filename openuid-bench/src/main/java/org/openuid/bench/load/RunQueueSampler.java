package org.openuid.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
    private volatile boolean clear;
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

    /** Forgets the samples taken so far (those of the warm-up; the sampler thread drops them at its next sample). */
    void clear() {
        clear = true;
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
        List<FileChannel> files = new ArrayList<>();
        FileChannel own;
        try {
            for (Path p : loops) files.add(FileChannel.open(p));
            own = driver == null ? null : FileChannel.open(driver);
        } catch (IOException | RuntimeException e) {
            close(files);
            return;
        }
        try {
            sample(files, own);
        } finally {
            close(files);
            if (own != null) close(List.of(own));
        }
    }

    private static void close(List<FileChannel> files) {
        for (FileChannel f : files) {
            try {
                f.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private void sample(List<FileChannel> files, FileChannel ownFile) {
        while (running) {
            long sum = 0;
            long own = 0;
            try {
                for (FileChannel f : files) sum += runQueueWait(f);
                if (ownFile != null) own = runQueueWait(ownFile);
            } catch (IOException | RuntimeException e) {
                return;
            }
            if (clear) {
                size = 0;
                clear = false;
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

    /** Scratch for reading a schedstat line (three numbers) without allocating. */
    private final ByteBuffer line = ByteBuffer.allocate(128);

    /**
     * The second number of a schedstat file (nanoseconds spent runnable but waiting for a core), read with one
     * positioned read into a reused buffer: the sampler shares the driver's core with the driver's own loop, so each
     * sample must cost as little of it as possible (a read of the text and a regular expression split per file cost
     * tens of microseconds a millisecond).
     */
    private long runQueueWait(FileChannel schedstat) throws IOException {
        line.clear();
        int n = schedstat.read(line, 0);
        int i = 0;
        while (i < n && line.get(i) != ' ') i++;
        while (i < n && line.get(i) == ' ') i++;
        long v = 0;
        boolean digits = false;
        for (; i < n; i++) {
            byte c = line.get(i);
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
            digits = true;
        }
        if (!digits) throw new IOException("unexpected schedstat line");
        return v;
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
