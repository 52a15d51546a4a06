package org.openuid.core.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * AES-256-CBC/PKCS7 used only by legacy v2 tokens; blob = IV(16) ‖ ciphertext (spec encryption.md §0,
 * tokens.md §4.3, §5.2). Cipher instances are reused per thread.
 */
public final class Aes256Cbc {
    public static final int IV_LENGTH = 16;
    public static final int BLOCK = 16;

    private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(Aes256Cbc::newCipher);

    private Aes256Cbc() {}

    /** Length of the blob produced for {@code plaintextLength} bytes of plaintext. */
    public static int blobLength(int plaintextLength) {
        return IV_LENGTH + (plaintextLength / BLOCK + 1) * BLOCK;
    }

    public static byte[] encrypt(byte[] key, byte[] plaintext, IvSource ivs) {
        Aes256Gcm.checkKey(key);
        byte[] out = new byte[blobLength(plaintext.length)];
        ivs.fill(out, 0, IV_LENGTH);
        Cipher cipher = CIPHER.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(out, 0, IV_LENGTH));
            cipher.doFinal(plaintext, 0, plaintext.length, out, IV_LENGTH);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CBC encryption failed", e);
        }
    }

    public static byte[] decrypt(byte[] key, byte[] blob, int off, int len) throws CryptoException {
        if (key == null || key.length != 32) {
            throw new CryptoException("invalid key");
        }
        if (blob == null || off < 0 || len < IV_LENGTH + BLOCK || off > blob.length - len || len % BLOCK != 0) {
            throw new CryptoException("CBC blob has an invalid length");
        }
        Objects.checkFromIndexSize(off, len, blob.length);
        Cipher cipher = CIPHER.get();
        try {
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(blob, off, IV_LENGTH));
            return cipher.doFinal(blob, off + IV_LENGTH, len - IV_LENGTH);
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new CryptoException("CBC decryption failed");
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
