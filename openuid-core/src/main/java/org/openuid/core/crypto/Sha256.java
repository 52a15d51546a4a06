package org.openuid.core.crypto;

/** SHA-256 with a per-thread digest. */
public final class Sha256 {
    private Sha256() {}

    public static byte[] hash(byte[] data) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Hash of the concatenation of the parts. */
    public static byte[] hash(byte[]... parts) {
        throw new UnsupportedOperationException("TODO");
    }
}
