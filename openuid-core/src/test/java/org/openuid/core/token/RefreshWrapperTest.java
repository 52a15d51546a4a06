package org.openuid.core.token;

import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openuid.core.token.TestKeys.ALL;
import static org.openuid.core.token.TestKeys.REFRESH;

/** encryption.md §3. */
class RefreshWrapperTest {
    private static final String INNER = RefreshTokenCodecTest.V3;
    private static final byte[] RESPONSE_KEY = filled(32, 0x44);
    private static final String WRAPPED = "AAAAAGZVVVVVVVVVVVVVVVWoxvNbPsDd1i4vksQyVh1tIweV+8P0hZ9+MvIR1+oemZXZXZ0L7ODAzIPwzC/dSDy+M9iJSrrSLWd2TkxOZSSHv7OW8VNIqyGGufyCNc5PZx40HTNrauXEjUBktGooumBzgoxtQOMi57QJhwuTdDO86MfAjVK47a35svFr4czdHwGDP+IE73Af/OKUsBuTyvtS5/gbTAm6DeVlKeRAfo5prqTcSbCpNDUxQbRdAAzhPXF6/UjdacSJcQw8AGa2rkvd56Jk+YjBKZ6fQyZuyrIHC6SJlHaSdermyHxB+w7j6rvYpLNe8fSsU7nG2HVKeSqEVgBB4zTd7q+vfcJPCU/n0mslLXrWcwhsUwdcqRnAXr2U";

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static String message(String wrapped) {
        try {
            RefreshWrapper.unwrap(wrapped, ALL);
        } catch (TokenException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected a TokenException");
    }

    /** Builds a wrapper around arbitrary plaintext with the given key id (the refresh key's secret). */
    private static String rawWrapper(int keyId, String plaintext) {
        byte[] json = plaintext.getBytes(StandardCharsets.UTF_8);
        byte[] blob = Aes256Gcm.encrypt(REFRESH.secret(), json, 0, json.length, null, IvSource.secure());
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(5 + blob.length).put((byte) 0).putInt(keyId).put(blob).array());
    }

    @Test
    void wrapVerifiedVector() {
        assertThat(Base64.getEncoder().encodeToString(RESPONSE_KEY)).isEqualTo("REREREREREREREREREREREREREREREREREREREREREQ=");
        String wrapped = RefreshWrapper.wrap(INNER, RESPONSE_KEY, REFRESH, IdentityScope.UID2, IvSource.constant((byte) 0x55));
        assertThat(wrapped).hasSize(RefreshWrapper.WRAPPED_LENGTH).isEqualTo(WRAPPED);
    }

    @Test
    void wrapperPlaintextLayout() throws CryptoException {
        byte[] b = Base64.getDecoder().decode(WRAPPED);
        assertThat(b).hasSize(291);
        assertThat(Arrays.copyOf(b, 5)).containsExactly(0, 0, 0, 0, 0x66);
        byte[] plain = Aes256Gcm.decrypt(REFRESH.secret(), b, 5, b.length - 5, null);
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(
                "{\"refresh_response_key\":\"REREREREREREREREREREREREREREREREREREREREREQ=\",\"refresh_token\":\"" + INNER + "\"}");
        assertThat(plain).hasSize(258);
    }

    @Test
    void euidScopeByte() throws TokenException {
        String wrapped = RefreshWrapper.wrap(INNER, RESPONSE_KEY, REFRESH, IdentityScope.EUID, IvSource.secure());
        assertThat(Base64.getDecoder().decode(wrapped)[0]).isEqualTo((byte) 0x10);
        assertThat(RefreshWrapper.unwrap(wrapped, ALL).innerToken()).isEqualTo(INNER);
    }

    @Test
    void unwrapVerifiedVector() throws TokenException {
        RefreshWrapper.Unwrapped u = RefreshWrapper.unwrap(WRAPPED, ALL);
        assertThat(u.innerToken()).isEqualTo(INNER);
        assertThat(u.responseKey()).isEqualTo(RESPONSE_KEY);
    }

    @Test
    void responseVector() {
        byte[] blob = RefreshWrapper.encryptResponse(RESPONSE_KEY, "{\"status\":\"optout\"}".getBytes(StandardCharsets.UTF_8),
                IvSource.constant((byte) 0x88));
        assertThat(Base64.getEncoder().encodeToString(blob)).isEqualTo("iIiIiIiIiIiIiIiIDTne7kSKa9XVxiwjWXSvymEM88btofNqt+Lvi+gVdPBhuG8=");
    }

    @Test
    void responseEncryptedInPlaceIsTheSameBlob() {
        byte[] json = "{\"status\":\"optout\"}".getBytes(StandardCharsets.UTF_8);
        byte[] buffer = new byte[RefreshWrapper.RESPONSE_HEADROOM + json.length + RefreshWrapper.RESPONSE_TAILROOM + 5];
        System.arraycopy(json, 0, buffer, RefreshWrapper.RESPONSE_HEADROOM, json.length);
        int n = RefreshWrapper.encryptResponseInPlace(RESPONSE_KEY, buffer, json.length, IvSource.constant((byte) 0x88));
        assertThat(Base64.getEncoder().encodeToString(Arrays.copyOf(buffer, n)))
                .isEqualTo("iIiIiIiIiIiIiIiIDTne7kSKa9XVxiwjWXSvymEM88btofNqt+Lvi+gVdPBhuG8=");
    }

    @Test
    void notBase64() {
        assertThat(message("!" + WRAPPED.substring(1))).isEqualTo("Invalid body: Body is not valid base64.");
        assertThat(message(WRAPPED.replace('+', '-'))).isEqualTo("Invalid body: Body is not valid base64.");
        assertThat(message(null)).isNotNull();
    }

    @Test
    void unknownKey() {
        assertThat(message(rawWrapper(999, "{}"))).isEqualTo("Invalid key: Generator of this token (Key ID: 999) does not exist.");
        assertThat(message(rawWrapper(-5, "{}"))).isEqualTo("Invalid key: Generator of this token (Key ID: -5) does not exist.");
    }

    @Test
    void badData() {
        byte[] b = Base64.getDecoder().decode(WRAPPED);
        b[100] ^= 1;
        assertThat(message(Base64.getEncoder().encodeToString(b))).isEqualTo("Invalid data: Check encryption method and encryption key.");
        // key 101 exists but is not the key the blob was encrypted with
        byte[] other = Base64.getDecoder().decode(WRAPPED);
        other[4] = 101;
        assertThat(message(Base64.getEncoder().encodeToString(other))).isEqualTo("Invalid data: Check encryption method and encryption key.");
        assertThat(message(Base64.getEncoder().encodeToString(Arrays.copyOf(b, 30)))).isEqualTo("Invalid data: Check encryption method and encryption key.");
        assertThat(message("AAAA")).isEqualTo("Invalid data: Check encryption method and encryption key.");
    }

    @Test
    void badFormat() {
        String format = "Invalid format: Payload is not valid json or missing required data.";
        assertThat(message(rawWrapper(102, "not json"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "{\"refresh_token\":\"abc\"}"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "{\"refresh_response_key\":\"REREREREREREREREREREREREREREREREREREREREREQ=\"}"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "{\"refresh_response_key\":\"!!\",\"refresh_token\":\"abc\"}"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "{\"refresh_response_key\":\"REREREREREREREREREREREREREREREREREREREREREQ=\",\"refresh_token\":5}"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "[1]"))).isEqualTo(format);
        assertThat(message(rawWrapper(102, "{\"refresh_response_key\":\"REREREREREREREREREREREREREREREREREREREREREQ=\",\"refresh_token\":\"a\"} x"))).isEqualTo(format);
    }

    @Test
    void extraFieldsAreIgnored() throws TokenException {
        String w = rawWrapper(102, "{\"x\":[1,{\"y\":2}],\"refresh_token\":\"abc\",\"refresh_response_key\":\"REREREREREREREREREREREREREREREREREREREREREQ=\"}");
        assertThat(RefreshWrapper.unwrap(w, ALL).innerToken()).isEqualTo("abc");
    }

    @Test
    void wrapRequires388Characters() {
        assertThatThrownBy(() -> RefreshWrapper.wrap("short", RESPONSE_KEY, REFRESH, IdentityScope.UID2, IvSource.secure()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> RefreshWrapper.wrap(INNER, new byte[16], REFRESH, IdentityScope.UID2, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomRoundTrips() throws Exception {
        Random random = new Random(4);
        for (int i = 0; i < 100; i++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            byte[] inner = new byte[124];
            random.nextBytes(inner);
            String innerToken = Base64.getEncoder().encodeToString(inner);
            String wrapped = RefreshWrapper.wrap(innerToken, key, REFRESH, IdentityScope.UID2, IvSource.secure());
            assertThat(wrapped).hasSize(388);
            RefreshWrapper.Unwrapped u = RefreshWrapper.unwrap(wrapped, ALL);
            assertThat(u.responseKey()).isEqualTo(key);
            assertThat(u.innerToken()).isEqualTo(innerToken);
            byte[] json = ("{\"status\":\"success\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            byte[] blob = RefreshWrapper.encryptResponse(key, json, IvSource.secure());
            assertThat(Aes256Gcm.decrypt(key, blob, 0, blob.length, null)).isEqualTo(json);
        }
    }

    @Test
    void plaintextIsTheCompactJsonWithTheInnerTokenEscapedWhereNeeded() {
        String key = Base64.getEncoder().encodeToString(RESPONSE_KEY);
        assertThat(new String(RefreshWrapper.plaintextJson(INNER, RESPONSE_KEY), StandardCharsets.UTF_8))
                .isEqualTo("{\"refresh_response_key\":\"" + key + "\",\"refresh_token\":\"" + INNER + "\"}");
        assertThat(new String(RefreshWrapper.plaintextJson("a\"b\\c\nd\u00e9\u007f", RESPONSE_KEY), StandardCharsets.UTF_8))
                .isEqualTo("{\"refresh_response_key\":\"" + key + "\",\"refresh_token\":\"a\\\"b\\\\c\\nd\u00e9\u007f\"}");
    }
    @Test
    void thePlainReaderAgreesWithTheJsonParser() throws Exception {
        String key = Base64.getEncoder().encodeToString(RESPONSE_KEY);
        String start = "{\"refresh_response_key\":\"";
        String middle = "\",\"refresh_token\":\"";
        String[] plaintexts = {
                start + key + middle + INNER + "\"}",
                start + key + middle + "a" + "\"}",
                start + key + middle + "\"}",
                start + key + middle + "a\\\"b" + "\"}",
                start + key + middle + "a\\u0041" + "\"}",
                start + key + middle + "abc\"} ",
                start + key + middle + "abc\"}}",
                start + key.substring(0, 43) + "!" + middle + "abc\"}",
                start + key.substring(0, 42) + "\\u" + middle + "abc\"}",
                start + "REREREREREREREREREREREREREREREREREREREREREQ" + middle + "abc\"}",
                start + key + "\", \"refresh_token\":\"abc\"}",
                start + key + middle + "ab\tc\"}",
                start + key + middle + "ab\u00e9c\"}",
                "{ \"refresh_response_key\":\"" + key + middle + "abc\"}",
        };
        for (String text : plaintexts) {
            byte[] p = text.getBytes(StandardCharsets.UTF_8);
            RefreshWrapper.Unwrapped plain = RefreshWrapper.parsePlain(p);
            if (plain == null) continue; // the parser decides these
            RefreshWrapper.Unwrapped parsed = RefreshWrapper.unwrap(rawWrapper(102, text), ALL);
            assertThat(plain.innerToken()).as(text).isEqualTo(parsed.innerToken());
            assertThat(plain.responseKey()).as(text).isEqualTo(parsed.responseKey());
        }
        assertThat(RefreshWrapper.parsePlain(plaintexts[0].getBytes(StandardCharsets.UTF_8))).isNotNull();
        assertThat(RefreshWrapper.parsePlain(plaintexts[3].getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(RefreshWrapper.parsePlain(plaintexts[7].getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(RefreshWrapper.parsePlain(plaintexts[11].getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
