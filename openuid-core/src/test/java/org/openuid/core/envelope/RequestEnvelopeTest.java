package org.openuid.core.envelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** encryption.md §1.1-§1.5, §1.7. */
class RequestEnvelopeTest {
    static final byte[] SECRET = Base64.getDecoder().decode("DzBzbjTJcYL0swDtFs2krRNu+g1Eokm2tBU4dEuD0Wk=");
    static final long TS = 1735689600000L;
    static final byte[] NONCE = HexFormat.of().parseHex("0102030405060708");
    static final String JSON = "{\"email_hash\":\"tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=\"}";
    static final String VECTOR = "AWZmZmZmZmZmZmZmZq/PKDWrHKy1ZhN5kdT3SEPGorHXc4eTrbFR6mABXSjiOq55zf1jWhnV/izCAqgaP/59ZOnffbYX8bK5UkBEVu/j3Og71jhz//8zkwukj7CJXvCb9FLR/xSt3gbB3A==";

    private static final String HINT = " See https://unifiedid.com/docs/getting-started/gs-encryption-decryption for details on the request envelope format.";
    private static final String UNENCRYPTED = "Invalid body: The request body is unencrypted JSON. It must be an encrypted request envelope. See https://unifiedid.com/docs/getting-started/gs-encryption-decryption#encryption-and-decryption-code-examples for encryption and decryption code examples.";

    private final RequestEnvelope envelope = new RequestEnvelope(IdentityScope.UID2);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sealed(long ts, String json) {
        return RequestEnvelope.seal(SECRET, ts, NONCE, json == null ? null : ascii(json), IvSource.secure());
    }

    private static byte[] text(byte[] envelope) {
        return ascii(Base64.getEncoder().encodeToString(envelope));
    }

    private String error(byte[] body, boolean binary) {
        return error(envelope, body, binary);
    }

    private static String error(RequestEnvelope env, byte[] body, boolean binary) {
        try {
            env.open(body, binary, SECRET, TS);
        } catch (EnvelopeException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected an EnvelopeException");
    }

    @Test
    void sealReproducesVerifiedVector() {
        byte[] env = RequestEnvelope.seal(SECRET, TS, NONCE, ascii(JSON), IvSource.constant((byte) 0x66));
        assertThat(env).hasSize(106);
        assertThat(Base64.getEncoder().encodeToString(env)).isEqualTo(VECTOR);
        assertThat(HexFormat.of().formatHex(env, 90, 106)).isEqualTo("8fb0895ef09bf452d1ff14adde06c1dc");
    }

    @Test
    void opensVerifiedVectorInTextMode() throws Exception {
        OpenedRequest r = envelope.open(ascii(VECTOR), false, SECRET, TS);
        assertThat(r.timestampMs()).isEqualTo(TS);
        assertThat(r.nonce()).isEqualTo(NONCE);
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo(JSON);
        assertThat(r.binary()).isFalse();
    }

    @Test
    void opensBinaryMode() throws Exception {
        OpenedRequest r = envelope.open(Base64.getDecoder().decode(VECTOR), true, SECRET, TS);
        assertThat(r.binary()).isTrue();
        assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo(JSON);
    }

    @Test
    void binaryFallsBackToTextWhenBodyIsBase64OfAValidEnvelope() throws Exception {
        OpenedRequest r = envelope.open(ascii(VECTOR), true, SECRET, TS);
        assertThat(r.binary()).isFalse();
        assertThat(r.nonce()).isEqualTo(NONCE);
        // the text path's later checks still apply
        assertThat(error(text(sealed(TS - 120_000, JSON)), true))
                .isEqualTo("Invalid timestamp: Request too old or client time drift.");
    }

    @Test
    void binaryFailureWithoutUsableTextReportsBinaryError() {
        byte[] bad = text(sealed(TS, JSON));
        bad[10] ^= 1;
        assertThat(error(bad, true)).isEqualTo("Invalid body: Invalid request envelope format version: received 65, must be 1." + HINT);
        byte[] env = sealed(TS, JSON);
        env[env.length - 1] ^= 1;
        assertThat(error(env, true)).isEqualTo("Invalid body: Check encryption key (ClientSecret)." + HINT);
    }

    @Test
    void emptyPayloadIsNull() throws Exception {
        OpenedRequest r = envelope.open(text(sealed(TS, null)), false, SECRET, TS);
        assertThat(r.payload()).isNull();
        assertThat(envelope.open(text(sealed(TS, "")), false, SECRET, TS).payload()).isNull();
        assertThat(envelope.open(sealed(TS, null), true, SECRET, TS).payload()).isNull();
    }

    @Test
    void step1BodyMissing() {
        assertThat(error(null, false)).isEqualTo("Invalid body: Body is missing.");
        assertThat(error(new byte[0], false)).isEqualTo("Invalid body: Body is missing.");
        assertThat(error(new byte[0], true)).isEqualTo("Invalid body: Body is missing.");
    }

    @Test
    void step2UnencryptedJson() {
        assertThat(error(ascii(JSON), false)).isEqualTo(UNENCRYPTED);
        assertThat(error(ascii("  {\"a\": [1, 2]}\n"), false)).isEqualTo(UNENCRYPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "[1,2]", "{\"a\":1", "{\"a\":1} x", "\"str\"", "AWZm ZmZm", "AWZm-_ZmZm", "A"})
    void step2bNotBase64(String body) {
        assertThat(error(ascii(body), false)).isEqualTo("Invalid body: Body is not valid base64." + HINT);
    }

    @Test
    void formUrlEncodingIsNotUndone() {
        String b64;
        do {
            b64 = new String(text(sealed(TS, JSON)), StandardCharsets.US_ASCII);
        } while (b64.indexOf('+') < 0);
        String mangled = b64.replace('+', ' ');
        assertThat(error(ascii(mangled), false)).isEqualTo("Invalid body: Body is not valid base64." + HINT);
    }

    @Test
    void step4TooShort() {
        assertThat(error(text(new byte[44]), false)).isEqualTo("Invalid body: Body too short. Check encryption method." + HINT);
        assertThat(error(ascii("AQID"), false)).isEqualTo("Invalid body: Body too short. Check encryption method." + HINT);
        assertThat(error(new byte[]{1, 2, 3}, true)).isEqualTo("Invalid body: Body too short. Check encryption method." + HINT);
        // a short JSON object, Base64-encoded or sent raw in binary mode
        assertThat(error(text(ascii("{}")), false)).isEqualTo(UNENCRYPTED);
        assertThat(error(ascii("{\"a\":1}"), true)).isEqualTo(UNENCRYPTED);
    }

    @Test
    void step5VersionMismatch() {
        byte[] env = sealed(TS, JSON);
        env[0] = 2;
        assertThat(error(text(env), false)).isEqualTo("Invalid body: Invalid request envelope format version: received 2, must be 1." + HINT);
        env[0] = (byte) 0xFF;
        assertThat(error(text(env), false)).isEqualTo("Invalid body: Invalid request envelope format version: received 255, must be 1." + HINT);
        env[0] = 0;
        assertThat(error(env, true)).isEqualTo("Invalid body: Invalid request envelope format version: received 0, must be 1." + HINT);
        // long enough JSON object
        assertThat(error(text(ascii(JSON)), false)).isEqualTo(UNENCRYPTED);
        assertThat(error(ascii(JSON), true)).isEqualTo(UNENCRYPTED);
    }

    @Test
    void step6WrongKey() {
        byte[] other = SECRET.clone();
        other[0] ^= 1;
        byte[] env = RequestEnvelope.seal(other, TS, NONCE, ascii(JSON), IvSource.secure());
        assertThat(error(text(env), false)).isEqualTo("Invalid body: Check encryption key (ClientSecret)." + HINT);
        byte[] truncated = java.util.Arrays.copyOf(sealed(TS, JSON), 45);
        assertThat(error(text(truncated), false)).isEqualTo("Invalid body: Check encryption key (ClientSecret)." + HINT);
    }

    @Test
    void step7FreshnessWindowEdges() throws Exception {
        String stale = "Invalid timestamp: Request too old or client time drift.";
        assertThat(envelope.open(text(sealed(TS - 119_900, JSON)), false, SECRET, TS).timestampMs()).isEqualTo(TS - 119_900);
        assertThat(envelope.open(text(sealed(TS - 119_999, JSON)), false, SECRET, TS)).isNotNull();
        assertThat(envelope.open(text(sealed(TS + 119_999, JSON)), false, SECRET, TS)).isNotNull();
        assertThat(envelope.open(text(sealed(TS + 60_000, JSON)), false, SECRET, TS)).isNotNull();
        assertThat(error(text(sealed(TS - 120_000, JSON)), false)).isEqualTo(stale);
        assertThat(error(text(sealed(TS + 120_000, JSON)), false)).isEqualTo(stale);
        assertThat(error(text(sealed(Long.MIN_VALUE, JSON)), false)).isEqualTo(stale);
        assertThat(error(text(sealed(Long.MAX_VALUE, JSON)), false)).isEqualTo(stale);
        assertThat(error(text(sealed(0, JSON)), false)).isEqualTo(stale);
        assertThat(RequestEnvelope.isFresh(0, Long.MIN_VALUE)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "[1,2]", "\"s\"", "{\"a\":1", "{\"a\":1}{}", "{\"a\":1} x", "null", "{a:1}", " "})
    void step8PayloadNotJsonObject(String payload) {
        assertThat(error(text(sealed(TS, payload)), false)).isEqualTo("Invalid payload in body: Data is not valid json string.");
    }

    @Test
    void step8AcceptsWhitespaceAroundObject() throws Exception {
        assertThat(envelope.open(text(sealed(TS, " {\"a\":{\"b\":[1,2,{}]}} \n")), false, SECRET, TS).payload()).isNotNull();
    }

    @Test
    void stepOrderTimestampBeforePayload() {
        assertThat(error(text(sealed(TS - 600_000, "not json")), false))
                .isEqualTo("Invalid timestamp: Request too old or client time drift.");
    }

    @Test
    void euidUsesItsDocsHost() {
        RequestEnvelope euid = new RequestEnvelope(IdentityScope.EUID);
        assertThat(error(euid, ascii("zz!"), false)).isEqualTo(
                "Invalid body: Body is not valid base64. See https://euid.eu/docs/getting-started/gs-encryption-decryption for details on the request envelope format.");
        assertThat(error(euid, ascii(JSON), false)).isEqualTo(
                "Invalid body: The request body is unencrypted JSON. It must be an encrypted request envelope. See https://euid.eu/docs/getting-started/gs-encryption-decryption#encryption-and-decryption-code-examples for encryption and decryption code examples.");
    }

    @Test
    void sealLayout() {
        byte[] env = RequestEnvelope.seal(SECRET, TS, NONCE, null, IvSource.constant((byte) 7));
        assertThat(env).hasSize(RequestEnvelope.MIN_LENGTH);
        assertThat(env[0]).isEqualTo((byte) 1);
        assertThatThrownBy(() -> RequestEnvelope.seal(SECRET, TS, new byte[7], null, IvSource.secure()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomRoundTripsAndRandomBodiesNeverThrowUnchecked() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            byte[] nonce = new byte[8];
            random.nextBytes(nonce);
            String json = "{\"v\":" + random.nextLong() + "}";
            long ts = TS + random.nextInt(239_000) - 119_500;
            byte[] env = RequestEnvelope.seal(SECRET, ts, nonce, ascii(json), IvSource.secure());
            OpenedRequest r = envelope.open(text(env), false, SECRET, TS);
            assertThat(r.nonce()).isEqualTo(nonce);
            assertThat(r.payload()).isEqualTo(ascii(json));

            byte[] junk = new byte[random.nextInt(120)];
            random.nextBytes(junk);
            if (random.nextBoolean()) junk = text(junk);
            try {
                envelope.open(junk, random.nextBoolean(), SECRET, TS);
            } catch (EnvelopeException expected) {
                assertThat(expected.getMessage()).startsWith("Invalid ");
            }
        }
        assertThat(Aes256Gcm.OVERHEAD + 17).isEqualTo(RequestEnvelope.MIN_LENGTH);
    }
}
