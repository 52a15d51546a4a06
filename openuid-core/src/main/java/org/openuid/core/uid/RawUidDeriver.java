package org.openuid.core.uid;

import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;

/**
 * Raw UID derivation from a first-level hash and a salt bucket: v2 (32 bytes), v3 (33 bytes) for salt buckets,
 * v4 (33 bytes) for key-material buckets (spec tokens.md §2.4, §2.5). Thread-safe.
 */
public final class RawUidDeriver {

    public RawUidDeriver(IdentityScope scope, IdentityEnvironment environment, boolean identityV3) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Current raw UID for the bucket at {@code bucketIndex}. */
    public byte[] current(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Previous raw UID per spec tokens.md §2.5 (null when none or rotated 90+ days ago). */
    public byte[] previous(byte[] firstLevelHash, IdentityType type, SaltTable table, int bucketIndex, long nowMs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** refresh_from in ms per spec tokens.md §2.5. */
    public static long refreshFrom(SaltTable table, int bucketIndex, long nowMs) {
        throw new UnsupportedOperationException("TODO");
    }
}
