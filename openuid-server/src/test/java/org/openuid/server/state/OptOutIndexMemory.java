package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the heap held by an {@link OptOutIndex} of N opt-outs (default 10,000,000), each with a distinct random
 * first-level hash and a distinct 32-byte raw UID, and prints the figure (docs/optout.md quotes it). Run with:
 * {@code java -Xmx4g -cp <test classpath> org.openuid.server.state.OptOutIndexMemory [N]}.
 */
public final class OptOutIndexMemory {
    private OptOutIndexMemory() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        OptOutIndex index = new OptOutIndex();
        SplittableRandom random = new SplittableRandom(1);
        byte[] flh = new byte[32];
        byte[] raw = new byte[32];
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            fill(random, flh);
            fill(random, raw);
            index.add(i + 1, new OptOutRecord(flh, raw, 1_700_000_000L + i));
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        long after = usedAfterGc(memory);
        long used = after - before;
        System.out.printf(Locale.ROOT, "opt-outs: %,d (distinct first-level hashes %,d, raw UIDs %,d)%n",
                n, index.size(), index.rawUidCount());
        System.out.printf(Locale.ROOT, "heap used by the index: %,d bytes (%.1f MiB), %.1f bytes per opt-out%n",
                used, used / 1048576.0, (double) used / n);
        System.out.printf(Locale.ROOT, "index's own estimate: %,d bytes (%.1f MiB)%n",
                index.heapBytes(), index.heapBytes() / 1048576.0);
        System.out.printf(Locale.ROOT, "built in about %d s (informational)%n", seconds);
        // keep the index reachable until after the measurement
        if (index.optedOutSince(flh) < 0) throw new AssertionError("last record not found");
    }

    private static void fill(SplittableRandom random, byte[] b) {
        for (int i = 0; i < b.length; i += 8) {
            long v = random.nextLong();
            for (int j = 0; j < 8; j++) b[i + j] = (byte) (v >>> (8 * j));
        }
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
