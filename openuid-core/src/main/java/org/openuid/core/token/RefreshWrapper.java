package org.openuid.core.token;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.openuid.core.bytes.BigEndian;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.KeysetKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The 388-character refresh-token wrapper and the refresh response encryption (spec encryption.md §3).
 *
 * <p>Wrapper bytes = scope byte ‖ refresh key id (int32) ‖ GCM blob of
 * {@code {"refresh_response_key":"<B64 key>","refresh_token":"<inner token>"}}, as standard Base64.
 */
public final class RefreshWrapper {
    public static final int WRAPPED_LENGTH = 388;
    public static final int RESPONSE_KEY_LENGTH = 32;

    static final String NOT_BASE64 = "Invalid body: Body is not valid base64.";
    static final String BAD_DATA = "Invalid data: Check encryption method and encryption key.";
    static final String BAD_FORMAT = "Invalid format: Payload is not valid json or missing required data.";

    private static final int HEADER = 5;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] JSON_START = "{\"refresh_response_key\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_MIDDLE = "\",\"refresh_token\":\"".getBytes(StandardCharsets.US_ASCII);

    private RefreshWrapper() {}

    public record Unwrapped(byte[] responseKey, String innerToken) {}

    public static String wrap(String innerToken, byte[] responseKey, KeysetKey refreshKey, IdentityScope scope, IvSource ivs) {
        if (responseKey == null || responseKey.length != RESPONSE_KEY_LENGTH) {
            throw new IllegalArgumentException("refresh response key must be 32 bytes");
        }
        byte[] plaintext = plaintextJson(innerToken, responseKey);

        byte[] out = new byte[HEADER + plaintext.length + Aes256Gcm.OVERHEAD];
        out[0] = (byte) (scope.value << 4);
        BigEndian.putInt(out, 1, refreshKey.id());
        Aes256Gcm.encryptInto(refreshKey.secret(), plaintext, 0, plaintext.length, null, ivs, out, HEADER);
        String wrapped = Base64.getEncoder().encodeToString(out);
        if (wrapped.length() != WRAPPED_LENGTH) {
            throw new IllegalStateException("wrapped refresh token is " + wrapped.length() + " characters, not 388");
        }
        return wrapped;
    }

    /**
     * {@code {"refresh_response_key":"<B64 key>","refresh_token":"<inner token>"}} as UTF-8, written directly when
     * the inner token needs no JSON escaping (a v3 token is Base64 text), else through the JSON string encoder.
     */
    static byte[] plaintextJson(String innerToken, byte[] responseKey) {
        int n = innerToken.length();
        for (int i = 0; i < n; i++) {
            char c = innerToken.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return escapedJson(innerToken, responseKey);
        }
        byte[] key = Base64.getEncoder().encode(responseKey);
        byte[] out = new byte[JSON_START.length + key.length + JSON_MIDDLE.length + n + 2];
        System.arraycopy(JSON_START, 0, out, 0, JSON_START.length);
        int o = JSON_START.length;
        System.arraycopy(key, 0, out, o, key.length);
        o += key.length;
        System.arraycopy(JSON_MIDDLE, 0, out, o, JSON_MIDDLE.length);
        o += JSON_MIDDLE.length;
        copyAscii(innerToken, out, o);
        o += n;
        out[o++] = '"';
        out[o] = '}';
        return out;
    }

    private static byte[] escapedJson(String innerToken, byte[] responseKey) {
        StringBuilder json = new StringBuilder(96 + innerToken.length());
        json.append("{\"refresh_response_key\":\"").append(Base64.getEncoder().encodeToString(responseKey))
                .append("\",\"refresh_token\":\"");
        JsonStringEncoder.getInstance().quoteAsString(innerToken, json);
        json.append("\"}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** @throws TokenException with one of the four exact messages of encryption.md §3.2 */
    public static Unwrapped unwrap(String wrapped, KeyLookup keys) throws TokenException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(wrapped == null ? "" : wrapped);
        } catch (IllegalArgumentException e) {
            throw new TokenException(NOT_BASE64);
        }
        if (bytes.length < HEADER) {
            throw new TokenException(BAD_DATA);
        }
        int keyId = BigEndian.getInt(bytes, 1);
        KeysetKey key = keys.byId(keyId);
        if (key == null) {
            throw new TokenException("Invalid key: Generator of this token (Key ID: " + keyId + ") does not exist.");
        }
        byte[] plaintext;
        try {
            plaintext = Aes256Gcm.decrypt(key.secret(), bytes, HEADER, bytes.length - HEADER, null);
        } catch (CryptoException e) {
            throw new TokenException(BAD_DATA);
        }
        return parse(plaintext);
    }

    /** Encrypts a refresh response: GCM blob under the response key, no timestamp or nonce. */
    public static byte[] encryptResponse(byte[] responseKey, byte[] json, IvSource ivs) {
        return Aes256Gcm.encrypt(responseKey, json, 0, json.length, null, ivs);
    }

    /** Bytes a buffer for {@link #encryptResponseInPlace} keeps before the JSON (the GCM IV). */
    public static final int RESPONSE_HEADROOM = Aes256Gcm.IV_LENGTH;
    /** Bytes a buffer for {@link #encryptResponseInPlace} keeps after the JSON (the GCM tag). */
    public static final int RESPONSE_TAILROOM = Aes256Gcm.TAG_LENGTH;

    /**
     * The same blob as {@link #encryptResponse} for the JSON at {@code buffer[RESPONSE_HEADROOM .. + jsonLength)},
     * encrypted where it is, without copying it.
     *
     * @return the length of the blob, at {@code buffer[0 ..)}
     */
    public static int encryptResponseInPlace(byte[] responseKey, byte[] buffer, int jsonLength, IvSource ivs) {
        return Aes256Gcm.encryptInto(responseKey, buffer, RESPONSE_HEADROOM, jsonLength, null, ivs, buffer, 0);
    }

    /** The characters of an ASCII string as bytes, copied as one block (the low byte of each char). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly the low-byte block copy
    private static void copyAscii(String ascii, byte[] out, int at) {
        ascii.getBytes(0, ascii.length(), out, at);
    }

    /** Length of the Base64 text of a 32-byte response key. */
    private static final int KEY_TEXT = 44;

    private static Unwrapped parse(byte[] plaintext) throws TokenException {
        Unwrapped plain = parsePlain(plaintext);
        return plain != null ? plain : parseJson(plaintext);
    }

    /**
     * The wrapper exactly as {@link #plaintextJson} writes it for a token that needs no escaping (every wrapper this
     * operator issues), read without a JSON parser: {@code {"refresh_response_key":"<44 Base64 characters>",
     * "refresh_token":"<printable ASCII without quote or backslash>"}}. Anything else, null, and the JSON parser
     * decides ({@link #parseJson}), so the answer for every input is what the parser gives.
     */
    static Unwrapped parsePlain(byte[] p) {
        int keyAt = JSON_START.length;
        int tokenAt = keyAt + KEY_TEXT + JSON_MIDDLE.length;
        int end = p.length - 2;
        if (end <= tokenAt || p[end] != '"' || p[end + 1] != '}') return null;
        if (!startsWith(p, 0, JSON_START) || !startsWith(p, keyAt + KEY_TEXT, JSON_MIDDLE)) return null;
        for (int i = tokenAt; i < end; i++) {
            int c = p[i];
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return null;
        }
        byte[] key;
        try {
            // a quote, backslash or any other character outside the alphabet in the key fails here too
            key = Base64.getDecoder().decode(java.util.Arrays.copyOfRange(p, keyAt, keyAt + KEY_TEXT));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (key.length != RESPONSE_KEY_LENGTH) return null;
        return new Unwrapped(key, new String(p, tokenAt, end - tokenAt, StandardCharsets.ISO_8859_1));
    }

    private static boolean startsWith(byte[] p, int at, byte[] prefix) {
        return java.util.Arrays.equals(p, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static Unwrapped parseJson(byte[] plaintext) throws TokenException {
        String responseKey = null;
        String innerToken = null;
        try (JsonParser parser = JSON.createParser(plaintext)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenException(BAD_FORMAT);
            }
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("refresh_response_key".equals(name)) {
                    responseKey = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else if ("refresh_token".equals(name)) {
                    innerToken = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                } else {
                    parser.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new TokenException(BAD_FORMAT);
            }
        } catch (IOException | RuntimeException e) {
            throw new TokenException(BAD_FORMAT);
        }
        if (responseKey == null || innerToken == null) {
            throw new TokenException(BAD_FORMAT);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(responseKey);
        } catch (IllegalArgumentException e) {
            throw new TokenException(BAD_FORMAT);
        }
        if (key.length != RESPONSE_KEY_LENGTH) {
            throw new TokenException(BAD_FORMAT);
        }
        return new Unwrapped(key, innerToken);
    }
}
