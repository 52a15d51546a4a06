package org.openuid.core.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Objects;

/**
 * AES-256-GCM with 12-byte IV and 16-byte tag. A "GCM blob" is IV(12) ‖ ciphertext ‖ tag(16)
 * (spec encryption.md §0). Cipher instances are reused per thread, one per long-lived key ({@link KeyedCiphers}), so
 * that the AES key schedule of the operator's own keys and clients' secrets is computed once per thread, not on every
 * operation.
 */
public final class Aes256Gcm {
    public static final int IV_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    public static final int OVERHEAD = IV_LENGTH + TAG_LENGTH;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final ThreadLocal<KeyedCiphers> CIPHERS = ThreadLocal.withInitial(() -> new KeyedCiphers(Aes256Gcm::newCipher));

    private Aes256Gcm() {}

    /** Encrypts into a new GCM blob; {@code aad} may be null. */
    public static byte[] encrypt(byte[] key, byte[] plaintext, int off, int len, byte[] aad, IvSource ivs) {
        byte[] out = new byte[len + OVERHEAD];
        encryptInto(key, plaintext, off, len, aad, ivs, out, 0);
        return out;
    }

    /**
     * Encrypts into {@code out} at {@code outOff} (needs len + 28 bytes): writes IV, ciphertext and tag.
     * @return number of bytes written
     */
    public static int encryptInto(byte[] key, byte[] plaintext, int off, int len, byte[] aad, IvSource ivs, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, plaintext.length);
        Objects.checkFromIndexSize(outOff, len + OVERHEAD, out.length);
        checkKey(key);
        ivs.fill(out, outOff, IV_LENGTH);
        GCMParameterSpec params = new GCMParameterSpec(TAG_LENGTH * 8, out, outOff, IV_LENGTH);
        KeyedCiphers ciphers = CIPHERS.get();
        KeyedCiphers.Entry entry = ciphers.forKey(key);
        Cipher cipher = entry.cipher();
        try {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, entry.keySpec(), params);
            } catch (InvalidAlgorithmParameterException sameKeyAndIv) {
                // The JDK refuses two consecutive encryptions with the same key and IV on one instance; only pinned
                // test IVs do that, so a fresh instance for this thread is acceptable here.
                cipher = ciphers.replace(entry);
                cipher.init(Cipher.ENCRYPT_MODE, entry.keySpec(), params);
            }
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return IV_LENGTH + cipher.doFinal(plaintext, off, len, out, outOff + IV_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts the GCM blob at blob[off..off+len); {@code aad} may be null. */
    public static byte[] decrypt(byte[] key, byte[] blob, int off, int len) throws CryptoException {
        return decrypt(key, blob, off, len, null);
    }

    /** Decrypts the GCM blob at blob[off..off+len); {@code aad} may be null. */
    public static byte[] decrypt(byte[] key, byte[] blob, int off, int len, byte[] aad) throws CryptoException {
        if (key == null || key.length != 32) {
            throw new CryptoException("invalid key");
        }
        if (blob == null || off < 0 || len < OVERHEAD || off > blob.length - len) {
            throw new CryptoException("GCM blob too short");
        }
        KeyedCiphers.Entry entry = CIPHERS.get().forKey(key);
        Cipher cipher = entry.cipher();
        try {
            cipher.init(Cipher.DECRYPT_MODE, entry.keySpec(), new GCMParameterSpec(TAG_LENGTH * 8, blob, off, IV_LENGTH));
            if (aad != null) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(blob, off + IV_LENGTH, len - IV_LENGTH);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new CryptoException("GCM decryption failed");
        }
    }

    static void checkKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes");
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(TRANSFORMATION + " unavailable", e);
        }
    }
}
