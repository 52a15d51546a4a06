package org.openuid.core.uid;

/**
 * Bucket selection from a first-level hash (spec tokens.md §2.3): the 20-bit index made of byte 0, byte 1 and the
 * low nibble of byte 2, taken modulo the number of buckets (which is the identity for 1,048,576 buckets).
 */
public final class BucketIndex {
    /** Number of buckets of a production salt file; the index is used unreduced. */
    public static final int FULL_SIZE = 1 << 20;

    private BucketIndex() {}

    public static int of(byte[] firstLevelHash, int bucketCount) {
        if (bucketCount <= 0) {
            throw new IllegalArgumentException("no salt buckets");
        }
        int idx20 = idx20(firstLevelHash);
        return bucketCount == FULL_SIZE ? idx20 : idx20 % bucketCount;
    }

    /** The raw 20-bit index, {@code (fl[0] << 12) | (fl[1] << 4) | (fl[2] & 0x0F)}. */
    public static int idx20(byte[] firstLevelHash) {
        return ((firstLevelHash[0] & 0xFF) << 12) | ((firstLevelHash[1] & 0xFF) << 4) | (firstLevelHash[2] & 0x0F);
    }
}
