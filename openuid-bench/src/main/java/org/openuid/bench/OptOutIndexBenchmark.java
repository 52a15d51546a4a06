package org.openuid.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openuid.core.model.OptOutRecord;
import org.openuid.server.state.OptOutIndex;

import java.util.SplittableRandom;

/**
 * The node's opt-out index (docs/optout.md): a lookup by first-level hash that hits, one that misses (the common
 * case on generate, refresh and identity map), and a lookup by raw UID (opt-out status), in an index of
 * {@code entries} opt-outs.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class OptOutIndexBenchmark extends NanoBenchmark {
    private static final int PROBES = 1 << 16;

    @Param({"1000000"})
    int entries;

    private OptOutIndex index;
    private byte[][] present;
    private byte[][] absent;
    private byte[][] presentRawUids;

    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int nextIndex() {
            next = (next + 1) & (PROBES - 1);
            return next;
        }
    }

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        index = new OptOutIndex();
        present = new byte[PROBES][];
        presentRawUids = new byte[PROBES][];
        long stride = Math.max(1, entries / PROBES);
        for (int i = 0; i < entries; i++) {
            byte[] flh = bytes(random, 32);
            byte[] raw = bytes(random, 32);
            index.add(i + 1, new OptOutRecord(flh, raw, 1_700_000_000L + i));
            if (i % stride == 0 && i / stride < PROBES) {
                present[(int) (i / stride)] = flh;
                presentRawUids[(int) (i / stride)] = raw;
            }
        }
        for (int i = 0; i < PROBES; i++) {
            if (present[i] == null) {
                present[i] = present[i % Math.max(1, Math.min(entries, PROBES))];
                presentRawUids[i] = presentRawUids[i % Math.max(1, Math.min(entries, PROBES))];
            }
        }
        absent = new byte[PROBES][];
        for (int i = 0; i < PROBES; i++) absent[i] = bytes(random, 32);
    }

    private static byte[] bytes(SplittableRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Benchmark
    public long firstLevelHashMiss(Cursor c) {
        return index.optedOutSince(absent[c.nextIndex()]);
    }

    @Benchmark
    public long firstLevelHashHit(Cursor c) {
        return index.optedOutSince(present[c.nextIndex()]);
    }

    @Benchmark
    public long rawUidHit(Cursor c) {
        return index.optedOutSinceByRawUid(presentRawUids[c.nextIndex()]);
    }
}
