package org.openuid.core.envelope;

import org.openuid.core.bytes.BigEndian;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;

import java.security.MessageDigest;
import java.util.Arrays;

/** The v2 response envelope (spec encryption.md §1.6): GCM blob of (timestamp ‖ request nonce ‖ JSON), no version byte. */
public final class ResponseEnvelope {
    /**
     * Bytes a buffer for {@link #sealInPlace} keeps before the JSON: the GCM IV, then the timestamp and nonce.
     */
    public static final int HEADROOM = Aes256Gcm.IV_LENGTH + RequestEnvelope.HEADER_LENGTH;
    /** Bytes a buffer for {@link #sealInPlace} keeps after the JSON, for the GCM tag. */
    public static final int TAILROOM = Aes256Gcm.TAG_LENGTH;

    private ResponseEnvelope() {}

    /**
     * Seals the JSON at {@code buffer[HEADROOM .. HEADROOM + jsonLength)} in place, without copying it: the same
     * blob as {@link #seal}, at {@code buffer[0 .. HEADROOM + jsonLength + TAILROOM)}, for large answers built straight
     * into such a buffer.
     *
     * @return the length of the blob
     */
    public static int sealInPlace(byte[] secret, long nowMs, byte[] nonce, byte[] buffer, int jsonLength, IvSource ivs) {
        if (nonce == null || nonce.length != RequestEnvelope.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 8 bytes");
        }
        int plaintextLength = RequestEnvelope.HEADER_LENGTH + jsonLength;
        if (jsonLength < 0 || buffer.length < HEADROOM + jsonLength + TAILROOM) {
            throw new IllegalArgumentException("buffer too small for the envelope");
        }
        BigEndian.putLong(buffer, Aes256Gcm.IV_LENGTH, nowMs);
        System.arraycopy(nonce, 0, buffer, Aes256Gcm.IV_LENGTH + RequestEnvelope.TIMESTAMP_LENGTH, RequestEnvelope.NONCE_LENGTH);
        return Aes256Gcm.encryptInto(secret, buffer, Aes256Gcm.IV_LENGTH, plaintextLength, null, ivs, buffer, 0);
    }

    public static byte[] seal(byte[] secret, long nowMs, byte[] nonce, byte[] json, IvSource ivs) {
        int jsonLength = json == null ? 0 : json.length;
        byte[] buffer = new byte[HEADROOM + jsonLength + TAILROOM];
        if (jsonLength > 0) System.arraycopy(json, 0, buffer, HEADROOM, jsonLength);
        sealInPlace(secret, nowMs, nonce, buffer, jsonLength, ivs);
        return buffer;
    }

    /** Client side: decrypts, checks the nonce, returns the JSON bytes. */
    public static byte[] open(byte[] secret, byte[] blob, byte[] expectedNonce) throws CryptoException {
        if (blob == null) {
            throw new CryptoException("missing response");
        }
        byte[] plaintext = Aes256Gcm.decrypt(secret, blob, 0, blob.length, null);
        if (plaintext.length < RequestEnvelope.HEADER_LENGTH) {
            throw new CryptoException("response envelope too short");
        }
        byte[] nonce = Arrays.copyOfRange(plaintext, RequestEnvelope.TIMESTAMP_LENGTH, RequestEnvelope.HEADER_LENGTH);
        if (expectedNonce == null || !MessageDigest.isEqual(nonce, expectedNonce)) {
            throw new CryptoException("nonce mismatch");
        }
        return Arrays.copyOfRange(plaintext, RequestEnvelope.HEADER_LENGTH, plaintext.length);
    }
}
