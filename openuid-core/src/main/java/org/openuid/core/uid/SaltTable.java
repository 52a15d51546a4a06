package org.openuid.core.uid;

import org.openuid.core.model.SaltBucket;

import java.util.List;

/**
 * All salt buckets of the salt snapshot in force, in file order, in compact form (primitive arrays and one
 * byte array of salt text) so that 1,048,576 buckets stay small. Immutable.
 */
public final class SaltTable {

    public static SaltTable of(List<SaltBucket> buckets) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Streaming construction in file order, without one object per bucket. */
    public static Builder builder(int expectedSize) {
        throw new UnsupportedOperationException("TODO");
    }

    public interface Builder {
        /** Strings may be empty (blank = absent); key materials may be null. */
        Builder add(int id, long lastUpdated, String currentSalt, long refreshFrom, String previousSalt,
                    org.openuid.core.model.KeyMaterial currentKey, org.openuid.core.model.KeyMaterial previousKey);

        SaltTable build();
    }

    public int size() { throw new UnsupportedOperationException("TODO"); }

    /** Materialises bucket {@code index} (file order). */
    public SaltBucket bucket(int index) { throw new UnsupportedOperationException("TODO"); }

    public int bucketId(int index) { throw new UnsupportedOperationException("TODO"); }

    public long lastUpdated(int index) { throw new UnsupportedOperationException("TODO"); }

    public long refreshFrom(int index) { throw new UnsupportedOperationException("TODO"); }
}
