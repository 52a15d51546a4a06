package org.openuid.bench;

import org.openuid.core.model.OptOutRecord;
import org.openuid.server.state.OptOutIndex;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Heap held by the two structures that grow with a deployment, measured in one JVM as the difference of the heap in
 * use after full collections: the salt table of a snapshot with {@code buckets} buckets, and the opt-out index with
 * {@code optouts} distinct opt-outs (the server's own {@link OptOutIndex}).
 *
 * <p>{@code java -Xmx4g -cp benchmarks.jar org.openuid.bench.HeapProbe [--buckets 1048576] [--optouts 10000000]
 * [--label L] [--out results.jsonl]}
 */
public final class HeapProbe {
    private HeapProbe() {}

    public static void main(String[] args) throws Exception {
        int buckets = 1 << 20;
        int optouts = 10_000_000;
        String label = "java-" + Runtime.version().feature();
        Path out = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--buckets" -> buckets = Integer.parseInt(args[i + 1]);
                case "--optouts" -> optouts = Integer.parseInt(args[i + 1]);
                case "--label" -> label = args[i + 1];
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long base = usedAfterGc();
        BenchData data = new BenchData(buckets);
        long withSnapshot = usedAfterGc();
        OptOutIndex index = new OptOutIndex();
        SplittableRandom random = new SplittableRandom(11);
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < optouts; i++) {
            byte[] flh = new byte[32];
            byte[] raw = new byte[32];
            random.nextBytes(flh);
            random.nextBytes(raw);
            index.add(i + 1, new OptOutRecord(flh, raw, now - random.nextInt(86_400 * 365)));
        }
        long withIndex = usedAfterGc();
        long snapshotBytes = withSnapshot - base;
        long indexBytes = withIndex - withSnapshot;
        System.out.printf("snapshot with %,d salt buckets: %.1f MiB; opt-out index with %,d opt-outs: %.1f MiB "
                        + "(%.1f bytes each; the index reports %.1f MiB)%n", buckets, snapshotBytes / 1048576.0, optouts,
                indexBytes / 1048576.0, indexBytes / (double) Math.max(1, optouts), index.heapBytes() / 1048576.0);
        if (out != null) {
            String line = "{\"type\":\"heap-probe\",\"label\":\"" + label + "\",\"buckets\":" + buckets + ",\"optouts\":" + optouts
                    + ",\"snapshot_bytes\":" + snapshotBytes + ",\"index_bytes\":" + indexBytes + "}\n";
            Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (data.snapshot.salts().size() != buckets || index.size() != optouts) throw new IllegalStateException("lost data");
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
