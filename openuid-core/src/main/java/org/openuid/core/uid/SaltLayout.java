package org.openuid.core.uid;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What each chunk of a salt table holds, enough to lay the table out before any chunk is decoded
 * ({@link SaltTable#lazy}): per chunk its bucket count, the bytes of salt text it adds, its first bucket id and whether
 * its ids are consecutive, and which kinds of salt it has. Taken from a table built eagerly from the same chunks
 * ({@link #of}); holds no salt.
 */
public final class SaltLayout {
    private static final int CONSECUTIVE = 1;
    private static final int PACKED_CURRENT = 2;
    private static final int PACKED_ANY = 4;
    private static final int UNPACKED_PREVIOUS = 8;
    private static final int CURRENT_KEY = 16;
    private static final int PREVIOUS_KEY = 32;
    private static final byte FORMAT = 1;

    private final int[] buckets;
    private final int[] textBytes;
    private final int[] firstIds;
    private final byte[] flags;

    private SaltLayout(int[] buckets, int[] textBytes, int[] firstIds, byte[] flags) {
        this.buckets = buckets;
        this.textBytes = textBytes;
        this.firstIds = firstIds;
        this.flags = flags;
    }

    /** The layout of {@code table} cut into chunks of {@code chunkBuckets[k]} buckets (file order). */
    public static SaltLayout of(SaltTable table, int[] chunkBuckets) {
        int n = chunkBuckets.length;
        int[] text = new int[n];
        int[] first = new int[n];
        byte[] f = new byte[n];
        int from = 0;
        for (int k = 0; k < n; k++) {
            int to = from + chunkBuckets[k];
            if (chunkBuckets[k] < 0 || to > table.size()) throw new IllegalArgumentException("chunks do not cover the table");
            text[k] = table.start[2 * to] - table.start[2 * from];
            first[k] = to > from ? table.bucketId(from) : 0;
            int bits = CONSECUTIVE;
            for (int i = from; i < to; i++) {
                if (table.bucketId(i) != first[k] + (i - from)) bits &= ~CONSECUTIVE;
                if (table.packed != null) {
                    if (bit(table.packed, 2 * i)) bits |= PACKED_CURRENT | PACKED_ANY;
                    if (bit(table.packed, 2 * i + 1)) bits |= PACKED_ANY;
                }
                if (table.start[2 * i + 2] > table.start[2 * i + 1] && !(table.packed != null && bit(table.packed, 2 * i + 1)))
                    bits |= UNPACKED_PREVIOUS;
                if (table.currentKeys != null && table.currentKeys[i] != null) bits |= CURRENT_KEY;
                if (table.previousKeys != null && table.previousKeys[i] != null) bits |= PREVIOUS_KEY;
            }
            f[k] = (byte) bits;
            from = to;
        }
        if (from != table.size()) throw new IllegalArgumentException("chunks do not cover the table");
        return new SaltLayout(chunkBuckets.clone(), text, first, f);
    }

    private static boolean bit(long[] words, int slot) {
        return (words[slot >>> 6] & (1L << slot)) != 0;
    }

    public int chunks() { return buckets.length; }

    public int buckets(int chunk) { return buckets[chunk]; }

    public int textBytes(int chunk) { return textBytes[chunk]; }

    /** Number of buckets of all chunks. */
    public int size() {
        long n = 0;
        for (int b : buckets) n += b;
        if (n > Integer.MAX_VALUE / 2) throw new IllegalStateException("too many salt buckets");
        return (int) n;
    }

    long textBytes() {
        long n = 0;
        for (int b : textBytes) n += b;
        return n;
    }

    int firstId() { return buckets.length == 0 ? 0 : firstIds[0]; }

    /** Whether the ids of all buckets are consecutive from {@link #firstId()}. */
    boolean consecutiveIds() {
        int at = 0;
        for (int k = 0; k < buckets.length; k++) {
            if (buckets[k] > 0 && ((flags[k] & CONSECUTIVE) == 0 || firstIds[k] != firstId() + at)) return false;
            at += buckets[k];
        }
        return true;
    }

    boolean anyPackedCurrent() { return any(PACKED_CURRENT); }

    boolean anyPacked() { return any(PACKED_ANY); }

    boolean anyUnpackedPrevious() { return any(UNPACKED_PREVIOUS); }

    boolean anyCurrentKey() { return any(CURRENT_KEY); }

    boolean anyPreviousKey() { return any(PREVIOUS_KEY); }

    private boolean any(int bit) {
        for (byte f : flags) if ((f & bit) != 0) return true;
        return false;
    }

    /** A compact binary form ({@link #fromBytes} reads it back). */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(5 + 13 * buckets.length);
        out.put(FORMAT).putInt(buckets.length);
        for (int k = 0; k < buckets.length; k++) out.putInt(buckets[k]).putInt(textBytes[k]).putInt(firstIds[k]).put(flags[k]);
        return out.array();
    }

    /** @throws IllegalArgumentException when {@code bytes} is not a layout written by {@link #toBytes} */
    public static SaltLayout fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != FORMAT) throw new IllegalArgumentException("unknown salt layout format");
            int n = in.getInt();
            if (n < 0 || in.remaining() != 13L * n) throw new IllegalArgumentException("truncated salt layout");
            int[] b = new int[n];
            int[] t = new int[n];
            int[] f = new int[n];
            byte[] fl = new byte[n];
            for (int k = 0; k < n; k++) {
                b[k] = in.getInt();
                t[k] = in.getInt();
                f[k] = in.getInt();
                fl[k] = in.get();
                if (b[k] < 0 || t[k] < 0) throw new IllegalArgumentException("corrupt salt layout");
            }
            return new SaltLayout(b, t, f, fl);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated salt layout");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SaltLayout l && Arrays.equals(buckets, l.buckets) && Arrays.equals(textBytes, l.textBytes)
                && Arrays.equals(firstIds, l.firstIds) && Arrays.equals(flags, l.flags);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(buckets) * 31 + Arrays.hashCode(textBytes);
    }
}
