package org.openuid.server.it;

import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.model.Role;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bad-input path of the publisher API answers the spec's 4xx with a clear message, never a 5xx. */
class BadInputTest {
    static final String HINT = " See https://unifiedid.com/docs/getting-started/gs-encryption-decryption for details on the request envelope format.";
    static final String EXACTLY_ONE = "Required Parameter Missing: exactly one of [email, email_hash, phone, phone_hash] must be specified";
    static final String MORE_THAN_ONE = "More than one of [email, email_hash, phone, phone_hash] given: exactly one must be specified";
    static TestOperator op;
    static TestOperator.Credentials gen;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        gen = op.demo(Role.GENERATOR);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static void assertError(ApiClient.Reply r, int status, String jsonStatus, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.plainJson().get("status").asText()).isEqualTo(jsonStatus);
        if (message != null) assertThat(r.plainJson().get("message").asText()).isEqualTo(message);
    }

    private static ApiClient.Reply generate(String json) throws Exception {
        return op.api.v2("/v2/token/generate", gen.key(), gen.secret(), json);
    }

    @Test
    void unknownKeyMissingKeyAndMissingRoleAre401WithoutMessage() throws Exception {
        ApiClient.Reply wrong = op.api.v2("/v2/token/generate", "UID2-C-L-100-abcdef.0123456789012345678901234567890123456=", gen.secret(), "{\"email\":\"a@b.c\"}");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).isEqualTo("{\"status\":\"unauthorized\"}");
        assertThat(op.api.raw("/v2/token/generate", null, "text/plain", "x".getBytes()).status()).isEqualTo(401);
        TestOperator.Credentials mapper = op.demo(Role.MAPPER);
        assertThat(op.api.v2("/v2/token/generate", mapper.key(), mapper.secret(), "{\"email\":\"a@b.c\"}").status()).isEqualTo(401);
        assertThat(op.api.raw("/v2/token/generate", gen.key().toLowerCase(), "text/plain", "x".getBytes()).status()).isEqualTo(401);
    }

    @Test
    void disabledKeyIs401() throws Exception {
        TestOperator.Credentials disabled = op.createClient(op.demoSiteId(), true, Role.GENERATOR);
        assertThat(op.api.v2("/v2/token/generate", disabled.key(), disabled.secret(), "{\"email\":\"a@b.c\"}").status()).isEqualTo(401);
    }

    @Test
    void staleAndFutureTimestampsAreRejected() throws Exception {
        long now = System.currentTimeMillis();
        assertError(op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"a@b.c\"}", now - 180_000, false),
                400, "client_error", "Invalid timestamp: Request too old or client time drift.");
        assertError(op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"a@b.c\"}", now + 180_000, false),
                400, "client_error", "Invalid timestamp: Request too old or client time drift.");
        assertThat(op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"a@b.c\"}", now - 90_000, false).status()).isEqualTo(200);
    }

    @Test
    void wrongSecretAndTamperedCiphertext() throws Exception {
        String otherSecret = Base64.getEncoder().encodeToString(IvSource.secure().next(32));
        assertError(op.api.v2("/v2/token/generate", gen.key(), otherSecret, "{\"email\":\"a@b.c\"}"),
                400, "client_error", "Invalid body: Check encryption key (ClientSecret)." + HINT);
        byte[] env = RequestEnvelope.seal(Base64.getDecoder().decode(gen.secret()), System.currentTimeMillis(),
                IvSource.secure().next(8), "{\"email\":\"a@b.c\"}".getBytes(), IvSource.secure());
        env[20] ^= 1;
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", Base64.getEncoder().encode(env)),
                400, "client_error", "Invalid body: Check encryption key (ClientSecret)." + HINT);
    }

    @Test
    void envelopeFramingErrors() throws Exception {
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", new byte[0]), 400, "client_error", "Invalid body: Body is missing.");
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", "{\"email\":\"a@b.c\"}".getBytes()), 400, "client_error",
                "Invalid body: The request body is unencrypted JSON. It must be an encrypted request envelope. See https://unifiedid.com/docs/getting-started/gs-encryption-decryption#encryption-and-decryption-code-examples for encryption and decryption code examples.");
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", "not base64!".getBytes()), 400, "client_error",
                "Invalid body: Body is not valid base64." + HINT);
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", "AAAA".getBytes()), 400, "client_error",
                "Invalid body: Body too short. Check encryption method." + HINT);
        byte[] v2 = new byte[60];
        v2[0] = 2;
        assertError(op.api.raw("/v2/token/generate", gen.key(), "text/plain", Base64.getEncoder().encode(v2)), 400, "client_error",
                "Invalid body: Invalid request envelope format version: received 2, must be 1." + HINT);
        assertError(op.api.raw("/v2/token/generate", gen.key(), "application/octet-stream", new byte[]{1, 2, 3}), 400, "client_error", null);
    }

    @Test
    void payloadErrors() throws Exception {
        assertError(generate("not json"), 400, "client_error", "Invalid payload in body: Data is not valid json string.");
        assertError(generate("[1,2]"), 400, "client_error", "Invalid payload in body: Data is not valid json string.");
        assertError(generate(null), 400, "client_error", EXACTLY_ONE);
        assertError(generate("{}"), 400, "client_error", EXACTLY_ONE);
        assertError(generate("{\"email\":\"a@b.c\",\"email_hash\":\"tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=\"}"), 400, "client_error", MORE_THAN_ONE);
        assertError(generate("{\"email\":\"a@b.c\",\"phone\":\"bad\"}"), 400, "client_error", MORE_THAN_ONE);
        assertError(generate("{\"email\":\"user@example.com\",\"phone\":\"+12345678901\"}"), 400, "client_error", MORE_THAN_ONE);
        assertThat(generate("{\"email\":\"a@b.c\",\"phone\":null}").status()).isEqualTo(200);
    }

    @Test
    void invalidIdentifiers() throws Exception {
        for (String json : new String[]{"{\"email\":\"\"}", "{\"email\":\"user@@example.com\"}", "{\"email\":\"no-at-sign\"}",
                "{\"phone\":\"12345678901\"}", "{\"phone\":\"+123\"}", "{\"phone\":\"+1 2345678901\"}",
                "{\"email_hash\":\"tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ=\"}", "{\"email_hash\":\"abc\"}",
                "{\"phone_hash\":\"zz\"}", "{\"email\":123}", "{\"email\":{\"a\":1}}", "{\"email\":[\"a@b.c\"]}", "{\"email\":true}"}) {
            assertError(generate(json), 400, "client_error", "Invalid Identifier");
        }
    }

    @Test
    void validateErrors() throws Exception {
        assertError(op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"abc\"}"), 400, "client_error", EXACTLY_ONE);
        assertError(op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"abc\",\"email\":\"x\"}"), 400, "client_error", "Invalid Identifier");
        assertError(op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"abc\",\"email\":\"a@b.c\"}"), 400, "client_error", "Invalid token");
        assertError(op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"email\":\"a@b.c\"}"), 400, "client_error", "Invalid token");
        assertError(op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"A4AAAABlIiIiIiIiIiIiIiIi5V_4NKUeHljX\",\"email\":\"a@b.c\"}"), 400, "client_error", "Invalid token");
    }

    @Test
    void truncatedAndGarbledRefreshTokens() throws Exception {
        PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        String good = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("r@example.com")).getIdentity().getRefreshToken();
        String[] bad = {good.substring(0, 200), good.substring(0, 387), "A3AAAABm", "!!!!", "AAAA"};
        for (String b : bad) {
            assertError(op.api.raw("/v2/token/refresh", null, "text/plain", b.getBytes()), 400, "error", "Error refreshing token");
            assertError(op.api.raw("/v2/token/refresh", gen.key(), "text/plain", b.getBytes()), 400, "invalid_token", "Invalid Token presented");
        }
        assertError(op.api.raw("/v2/token/refresh", null, "text/plain", ("!" + good.substring(1)).getBytes()), 400, "client_error", "Invalid body: Body is not valid base64.");
        char[] garbled = good.toCharArray();
        garbled[100] = garbled[100] == 'A' ? 'B' : 'A';
        assertError(op.api.raw("/v2/token/refresh", null, "text/plain", new String(garbled).getBytes()), 400, "client_error", "Invalid data: Check encryption method and encryption key.");
        String unknownKey = Base64.getEncoder().encodeToString(withKeyId(Base64.getDecoder().decode(good), 999999));
        assertError(op.api.raw("/v2/token/refresh", null, "text/plain", unknownKey.getBytes()), 400, "client_error", "Invalid key: Generator of this token (Key ID: 999999) does not exist.");
        assertError(op.api.raw("/v2/token/refresh", null, "text/plain", new byte[0]), 400, "client_error", null);
    }

    private static byte[] withKeyId(byte[] wrapper, int keyId) {
        wrapper[1] = (byte) (keyId >>> 24);
        wrapper[2] = (byte) (keyId >>> 16);
        wrapper[3] = (byte) (keyId >>> 8);
        wrapper[4] = (byte) keyId;
        return wrapper;
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        ApiClient.Reply r = op.api.raw("/v2/token/generate", gen.key(), "text/plain", new byte[(1 << 20) + 1]);
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void unknownPathAndMethod() throws Exception {
        assertThat(op.api.send("POST", "/v2/nope", "text/plain", "x".getBytes()).statusCode()).isEqualTo(404);
        assertThat(op.api.send("GET", "/v2/token/generate", null, null).statusCode()).isEqualTo(405);
    }

    @Test
    void corsPreflightAndEcho() throws Exception {
        HttpResponse<byte[]> pre = op.api.send("OPTIONS", "/v2/token/refresh", null, null,
                "Origin", "https://pub.example", "Access-Control-Request-Method", "POST");
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains("https://pub.example");
        HttpResponse<byte[]> r = op.api.send("POST", "/v2/token/refresh", "text/plain", "x".getBytes(), "Origin", "https://pub.example");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("https://pub.example");
        HttpResponse<byte[]> none = op.api.send("GET", "/ops/healthcheck", null, null);
        assertThat(none.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).isEqualTo("OK");
    }
}
