package org.openuid.core.uid;

/** Bucket selection from a first-level hash (spec tokens.md §2.3). */
public final class BucketIndex {
    private BucketIndex() {}

    public static int of(byte[] firstLevelHash, int bucketCount) {
        throw new UnsupportedOperationException("TODO");
    }
}
