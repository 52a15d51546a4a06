package org.openuid.core.crypto;

/** AES-256-CBC/PKCS7 used only by legacy v2 tokens; blob = IV(16) ‖ ciphertext. */
public final class Aes256Cbc {
    private Aes256Cbc() {}

    public static byte[] encrypt(byte[] key, byte[] plaintext, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    public static byte[] decrypt(byte[] key, byte[] blob, int off, int len) throws CryptoException {
        throw new UnsupportedOperationException("TODO");
    }
}
