package org.openuid.core.uid;

import org.openuid.core.crypto.Sha256;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What one thread needs to derive first-level hashes and raw UIDs without allocating: a SHA-256 digest and a text
 * buffer into which both parts of a hash input (the Base64 text of a hash, then a salt) are written, so that each hash
 * is one {@code update} and one {@code digest}.
 *
 * <p>Fetch it once per batch with {@link #current()} and pass it down: a thread-local lookup costs about as much as
 * Base64-encoding a hash, and deriving a raw UID would otherwise take several. Never hand it to another thread.
 */
public final class HashScratch {
    /** Room for the 44 characters of Base64 of a 32-byte hash and a salt of the same shape; grows for longer ones. */
    private static final int INITIAL_CAPACITY = 128;

    private static final ThreadLocal<HashScratch> CURRENT = ThreadLocal.withInitial(HashScratch::new);

    private final MessageDigest sha256;
    private byte[] text = new byte[INITIAL_CAPACITY];

    private HashScratch() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** The calling thread's scratch. */
    public static HashScratch current() {
        return CURRENT.get();
    }

    /** SHA-256 of {@code text[0 .. length)}. */
    byte[] hashText(int length) {
        sha256.reset();
        sha256.update(text, 0, length);
        return sha256.digest();
    }

    /** SHA-256 of {@code text[0 .. length)} into {@code out[offset .. offset+32)}. */
    void hashTextInto(int length, byte[] out, int offset) {
        sha256.reset();
        sha256.update(text, 0, length);
        try {
            sha256.digest(out, offset, Sha256.LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text buffer, grown to at least {@code length} bytes (keeping what it holds). */
    byte[] room(int length) {
        if (text.length < length) text = java.util.Arrays.copyOf(text, Math.max(length, 2 * text.length));
        return text;
    }

    /**
     * Writes the standard Base64 text of {@code bytes} at the start of the text buffer.
     *
     * @return its length
     */
    int putBase64(byte[] bytes) {
        if (bytes.length == Base64Packing.BYTE_LENGTH) {
            Base64Packing.encode(bytes, 0, text);
            return Base64Packing.TEXT_LENGTH;
        }
        return java.util.Base64.getEncoder().encode(bytes, room(4 * ((bytes.length + 2) / 3)));
    }
}
