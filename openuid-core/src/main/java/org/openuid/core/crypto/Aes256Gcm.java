package org.openuid.core.crypto;

/**
 * AES-256-GCM with 12-byte IV and 16-byte tag. A "GCM blob" is IV(12) ‖ ciphertext ‖ tag(16)
 * (spec encryption.md §0). Cipher instances are reused per thread.
 */
public final class Aes256Gcm {
    public static final int IV_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    public static final int OVERHEAD = IV_LENGTH + TAG_LENGTH;

    private Aes256Gcm() {}

    /** Encrypts into a new GCM blob; {@code aad} may be null. */
    public static byte[] encrypt(byte[] key, byte[] plaintext, int off, int len, byte[] aad, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Encrypts into {@code out} at {@code outOff} (needs len + 28 bytes): writes IV, ciphertext and tag.
     * @return number of bytes written
     */
    public static int encryptInto(byte[] key, byte[] plaintext, int off, int len, byte[] aad, IvSource ivs, byte[] out, int outOff) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Decrypts the GCM blob at blob[off..off+len); {@code aad} may be null. */
    public static byte[] decrypt(byte[] key, byte[] blob, int off, int len, byte[] aad) throws CryptoException {
        throw new UnsupportedOperationException("TODO");
    }
}
