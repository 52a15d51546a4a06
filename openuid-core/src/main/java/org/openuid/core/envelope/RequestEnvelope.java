package org.openuid.core.envelope;

import org.openuid.core.bytes.BigEndian;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;

import java.util.Arrays;
import java.util.Base64;

/**
 * The v2 request envelope (spec encryption.md §1): version byte 1 ‖ GCM blob of (timestamp ‖ nonce ‖ JSON).
 * Opening follows the ordered checks of §1.4 with their exact messages and the ±2 minute window of §1.5.
 *
 * <p>Framing (§1.3): in text mode the body is standard Base64 of the envelope; in binary mode
 * ({@code application/octet-stream}) it is the raw envelope, and a binary body that fails but whose Base64
 * decoding is a decryptable envelope is accepted in text mode.
 */
public final class RequestEnvelope {
    public static final byte VERSION = 1;
    public static final int TIMESTAMP_LENGTH = 8;
    public static final int NONCE_LENGTH = 8;
    public static final int HEADER_LENGTH = TIMESTAMP_LENGTH + NONCE_LENGTH;
    /** 1 + 12 + 16 + 8 + 8 (§1.2). */
    public static final int MIN_LENGTH = 1 + Aes256Gcm.OVERHEAD + HEADER_LENGTH;

    static final String BODY_MISSING = "Invalid body: Body is missing.";
    static final String TIMESTAMP = "Invalid timestamp: Request too old or client time drift.";
    /** The message of a request whose decrypted payload is not one JSON object. */
    public static final String PAYLOAD_NOT_JSON = "Invalid payload in body: Data is not valid json string.";

    private static final long MINUTE_MS = 60_000L;
    private static final long MAX_DRIFT_MINUTES = 1;

    private final String hint;
    private final String unencryptedJson;

    /** @param scope selects the documentation host quoted in error messages */
    public RequestEnvelope(IdentityScope scope) {
        String host = scope.docsHost;
        this.hint = " See " + host + "/docs/getting-started/gs-encryption-decryption for details on the request envelope format.";
        this.unencryptedJson = "Invalid body: The request body is unencrypted JSON. It must be an encrypted request envelope. See "
                + host + "/docs/getting-started/gs-encryption-decryption#encryption-and-decryption-code-examples"
                + " for encryption and decryption code examples.";
    }

    /**
     * @param body               raw HTTP body bytes (may be empty)
     * @param octetStreamRequest true when the request Content-Type is application/octet-stream
     */
    public OpenedRequest open(byte[] body, boolean octetStreamRequest, byte[] secret, long nowMs) throws EnvelopeException {
        return open(body, octetStreamRequest, secret, nowMs, true);
    }

    /**
     * The same, but with {@code checkJson} false the payload is not checked to be one JSON object (step 8 of §1.4):
     * for a caller that reads the payload in one streaming pass anyway and makes the same check there
     * ({@link #isJsonObject}, {@link #PAYLOAD_NOT_JSON}).
     */
    public OpenedRequest open(byte[] body, boolean octetStreamRequest, byte[] secret, long nowMs, boolean checkJson)
            throws EnvelopeException {
        if (body == null || body.length == 0) {
            throw new EnvelopeException(BODY_MISSING);
        }
        if (!octetStreamRequest) {
            return openText(body, secret, nowMs, checkJson);
        }
        byte[] plaintext;
        try {
            plaintext = decrypt(body, secret);
        } catch (EnvelopeException binaryFailure) {
            byte[] decoded = decodeBase64(body);
            byte[] textPlaintext = decoded == null ? null : tryDecrypt(decoded, secret);
            if (textPlaintext == null) {
                throw binaryFailure;
            }
            return checkPlaintext(textPlaintext, nowMs, false, checkJson);
        }
        return checkPlaintext(plaintext, nowMs, true, checkJson);
    }

    /** Client side: builds the encrypted envelope bytes (not Base64). {@code json} may be null or empty. */
    public static byte[] seal(byte[] secret, long timestampMs, byte[] nonce, byte[] json, IvSource ivs) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 8 bytes");
        }
        int jsonLength = json == null ? 0 : json.length;
        byte[] plaintext = new byte[HEADER_LENGTH + jsonLength];
        BigEndian.putLong(plaintext, 0, timestampMs);
        System.arraycopy(nonce, 0, plaintext, TIMESTAMP_LENGTH, NONCE_LENGTH);
        if (jsonLength > 0) {
            System.arraycopy(json, 0, plaintext, HEADER_LENGTH, jsonLength);
        }
        byte[] out = new byte[1 + plaintext.length + Aes256Gcm.OVERHEAD];
        out[0] = VERSION;
        Aes256Gcm.encryptInto(secret, plaintext, 0, plaintext.length, null, ivs, out, 1);
        return out;
    }

    private OpenedRequest openText(byte[] body, byte[] secret, long nowMs, boolean checkJson) throws EnvelopeException {
        byte[] decoded = decodeBase64(body);
        if (decoded == null) {
            if (JsonObjects.isObject(body, 0, body.length)) {
                throw new EnvelopeException(unencryptedJson);
            }
            throw new EnvelopeException("Invalid body: Body is not valid base64." + hint);
        }
        if (decoded.length == 0) {
            throw new EnvelopeException(BODY_MISSING);
        }
        return checkPlaintext(decrypt(decoded, secret), nowMs, false, checkJson);
    }

    /** Steps 4 to 6 of §1.4 on envelope bytes. */
    private byte[] decrypt(byte[] envelope, byte[] secret) throws EnvelopeException {
        if (envelope.length < MIN_LENGTH) {
            if (JsonObjects.isObject(envelope, 0, envelope.length)) {
                throw new EnvelopeException(unencryptedJson);
            }
            throw new EnvelopeException("Invalid body: Body too short. Check encryption method." + hint);
        }
        if (envelope[0] != VERSION) {
            if (JsonObjects.isObject(envelope, 0, envelope.length)) {
                throw new EnvelopeException(unencryptedJson);
            }
            throw new EnvelopeException("Invalid body: Invalid request envelope format version: received "
                    + (envelope[0] & 0xFF) + ", must be 1." + hint);
        }
        try {
            return Aes256Gcm.decrypt(secret, envelope, 1, envelope.length - 1, null);
        } catch (CryptoException e) {
            throw new EnvelopeException("Invalid body: Check encryption key (ClientSecret)." + hint);
        }
    }

    private byte[] tryDecrypt(byte[] envelope, byte[] secret) {
        try {
            return decrypt(envelope, secret);
        } catch (EnvelopeException e) {
            return null;
        }
    }

    /** Steps 7 and 8 of §1.4. */
    private static OpenedRequest checkPlaintext(byte[] plaintext, long nowMs, boolean binary, boolean checkJson)
            throws EnvelopeException {
        long timestamp = BigEndian.getLong(plaintext, 0);
        if (!isFresh(timestamp, nowMs)) {
            throw new EnvelopeException(TIMESTAMP);
        }
        byte[] nonce = Arrays.copyOfRange(plaintext, TIMESTAMP_LENGTH, HEADER_LENGTH);
        byte[] payload = null;
        if (plaintext.length > HEADER_LENGTH) {
            if (checkJson && !JsonObjects.isObject(plaintext, HEADER_LENGTH, plaintext.length - HEADER_LENGTH)) {
                throw new EnvelopeException(PAYLOAD_NOT_JSON);
            }
            payload = Arrays.copyOfRange(plaintext, HEADER_LENGTH, plaintext.length);
        }
        return new OpenedRequest(timestamp, nonce, payload, binary);
    }

    /** Whether {@code bytes} hold exactly one JSON object (surrounding whitespace allowed): the check of step 8. */
    public static boolean isJsonObject(byte[] bytes) {
        return bytes != null && JsonObjects.isObject(bytes, 0, bytes.length);
    }

    /** §1.5: whole minutes of (now − timestamp), truncated toward zero, must not exceed 1 in absolute value. */
    static boolean isFresh(long timestampMs, long nowMs) {
        long delta;
        try {
            delta = Math.subtractExact(nowMs, timestampMs);
        } catch (ArithmeticException overflow) {
            return false;
        }
        long minutes = delta / MINUTE_MS;
        return Math.abs(minutes) <= MAX_DRIFT_MINUTES;
    }

    private static byte[] decodeBase64(byte[] text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
