package org.openuid.core.uid;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The chunks of a {@link SaltTable#lazy} table not decoded yet. A chunk is decoded under one lock (so two readers of
 * a chunk decode it once, and decoders never write the same words of the shared arrays at the same time), a fair one:
 * a request that needs a chunk waits for at most the chunk being decoded, not for a background pass over all of them
 * ({@link #decodeAll} takes the lock once per chunk). A chunk is marked
 * decoded with a release write after its last bucket is in place; a reader sees the mark (an acquire read) before it
 * reads the chunk, so it sees every bucket of it.
 */
final class SaltChunks {
    private final SaltTable table;
    private final SaltTable.ChunkSource source;
    /** Chunk k holds buckets {@code [firstBucket[k], firstBucket[k+1])} and text {@code [textStart[k], textStart[k+1])}. */
    private final int[] firstBucket;
    private final int[] textStart;
    private final AtomicIntegerArray decoded;
    private final ReentrantLock lock = new ReentrantLock(true);
    private volatile int remaining;

    SaltChunks(SaltTable table, SaltLayout layout, SaltTable.ChunkSource source) {
        this.table = table;
        this.source = source;
        int n = layout.chunks();
        firstBucket = new int[n + 1];
        textStart = new int[n + 1];
        for (int k = 0; k < n; k++) {
            firstBucket[k + 1] = firstBucket[k] + layout.buckets(k);
            textStart[k + 1] = textStart[k] + layout.textBytes(k);
        }
        decoded = new AtomicIntegerArray(n);
        remaining = n;
    }

    /** Makes sure the chunk of bucket {@code index} is decoded; @return whether every chunk is. */
    boolean decode(int index) {
        int k = Arrays.binarySearch(firstBucket, index);
        // the last of equal starts (chunks without buckets) is the chunk that holds the bucket
        if (k < 0) k = -k - 2;
        while (k + 1 < firstBucket.length - 1 && firstBucket[k + 1] == index) k++;
        if (decoded.get(k) == 0) decodeChunk(k);
        return allDecoded();
    }

    /** Decodes every chunk not decoded yet, in order; @return true. */
    boolean decodeAll() {
        for (int k = 0; k < decoded.length(); k++) {
            if (decoded.get(k) == 0) decodeChunk(k);
        }
        return allDecoded();
    }

    boolean allDecoded() {
        return remaining == 0;
    }

    private void decodeChunk(int k) {
        lock.lock();
        try {
            if (decoded.get(k) != 0) return;
            SaltTableBuilder into = new SaltTableBuilder(table, firstBucket[k], firstBucket[k + 1], textStart[k], textStart[k + 1]);
            source.decode(k, into);
            into.build();
            decoded.set(k, 1);
            remaining = remaining - 1;
        } finally {
            lock.unlock();
        }
    }
}
