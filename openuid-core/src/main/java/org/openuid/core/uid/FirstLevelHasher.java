package org.openuid.core.uid;

/** firstLevelHash = SHA256( ascii(B64(identityHash)) ‖ ascii(firstLevelSalt) ) (spec tokens.md §2.2). Thread-safe. */
public final class FirstLevelHasher {

    public FirstLevelHasher(String firstLevelSalt) {
        throw new UnsupportedOperationException("TODO");
    }

    public byte[] firstLevelHash(byte[] identityHash) {
        throw new UnsupportedOperationException("TODO");
    }
}
