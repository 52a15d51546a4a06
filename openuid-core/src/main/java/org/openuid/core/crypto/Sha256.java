package org.openuid.core.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 with a per-thread digest. */
public final class Sha256 {
    public static final int LENGTH = 32;

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

    private Sha256() {}

    public static byte[] hash(byte[] data) {
        MessageDigest md = digest();
        return md.digest(data);
    }

    /** Hash of the concatenation of the parts. */
    public static byte[] hash(byte[]... parts) {
        MessageDigest md = digest();
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** Hash of {@code data[off .. off+len)}. */
    public static byte[] hash(byte[] data, int off, int len) {
        MessageDigest md = digest();
        md.update(data, off, len);
        return md.digest();
    }

    /**
     * The calling thread's digest, reset. Use it for streaming several parts without copying; finish with
     * {@link MessageDigest#digest()} before calling any other method of this class, and never hand it to
     * another thread.
     */
    public static MessageDigest digest() {
        MessageDigest md = DIGEST.get();
        md.reset();
        return md;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
