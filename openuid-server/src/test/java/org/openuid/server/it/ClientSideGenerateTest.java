package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenRefreshResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Role;
import org.openuid.server.manage.KeypairService;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * POST /v2/token/client-generate driven by a client written from the spec (encryption.md §4), with every error
 * row of endpoints.md §4.1; tokens are checked with the official SDK.
 */
class ClientSideGenerateTest {
    static TestOperator op;
    static CstgTestClient client;
    static BidstreamClient dsp;
    static int siteId;
    static String subscriptionId;
    static String publicKey;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        JsonNode creds = new ObjectMapper().readTree(op.node.operator().config().credentialsPath().toFile());
        siteId = creds.get("site_id").asInt();
        subscriptionId = creds.get("cstg").get("subscription_id").asText();
        publicKey = creds.get("cstg").get("public_key").asText();
        client = new CstgTestClient(op.baseUrl, subscriptionId, publicKey);
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    static String sha256(String dii) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(dii.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertError(CstgTestClient.Answer a, int http, String status, String message) {
        assertThat(a.status()).as(a.rawBody()).isEqualTo(http);
        assertThat(a.json().get("status").asText()).isEqualTo(status);
        assertThat(a.json().get("message").asText()).isEqualTo(message);
    }

    private static CstgTestClient.Answer post(String body, String origin) throws Exception {
        return client.send(body, origin, null);
    }

    private static CstgTestClient.Prepared prepared(String identityJson) throws Exception {
        return client.prepare(identityJson, null, System.currentTimeMillis());
    }

    @Test
    void validOriginGivesATokenTheSdkDecrypts() throws Exception {
        CstgTestClient.Answer a = client.emailHash(sha256("user@example.com"), "https://www.example.com");
        assertThat(a.status()).as(a.rawBody()).isEqualTo(200);
        assertThat(a.json().get("status").asText()).isEqualTo("success");
        JsonNode body = a.json().get("body");
        assertThat(body.get("advertising_token").asText()).startsWith("A4");
        assertThat(body.get("refresh_token").asText()).hasSize(388);
        assertThat(body.get("refresh_response_key").asText()).hasSize(44);
        assertThat(body.get("identity_expires").asLong()).isGreaterThan(System.currentTimeMillis());
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(body.get("advertising_token").asText(), "example.com");
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getIsClientSideGenerated()).isTrue();
        assertThat(d.getSiteId()).isEqualTo(siteId);
        // the same raw UID as server-side generation for the same email
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        String serverSide = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret())
                .generateTokenResponse(com.uid2.client.TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        DecryptionResponse s = dsp.decryptTokenIntoRawUid(serverSide, null);
        assertThat(s.getIsClientSideGenerated()).isFalse();
        assertThat(d.getUid()).isEqualTo(s.getUid());
    }

    @Test
    void localhostOriginsAndPhoneHashes() throws Exception {
        assertThat(client.emailHash(sha256("user@example.com"), "http://localhost:8080").status()).isEqualTo(200);
        assertThat(client.emailHash(sha256("user@example.com"), "http://app.localhost:3000").status()).isEqualTo(200);
        CstgTestClient.Prepared p = prepared("{\"phone_hash\":\"" + sha256("+12345678901") + "\"}");
        CstgTestClient.Answer a = client.send(p.body().toString(), "https://example.com", p.secret());
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("body").get("advertising_token").asText()).startsWith("B4");
        // hex hashes are accepted too
        String hex = java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(sha256("user@example.com")));
        assertThat(client.emailHash(hex, "https://example.com").status()).isEqualTo(200);
    }

    @Test
    void invalidOriginsAre403() throws Exception {
        String hash = sha256("user@example.com");
        for (String origin : new String[]{"https://blahblah.com", "http://local1host:8080", "https://example.com.evil.io",
                "null", "http://127.0.0.1:8080", "example.com", "http://a.b.localhost", "::::"}) {
            assertError(client.emailHash(hash, origin), 403, "invalid_http_origin", "unexpected http origin");
        }
        assertError(client.emailHash(hash, null), 403, "invalid_http_origin", "unexpected http origin");
    }

    @Test
    void appNameCheck() throws Exception {
        String id = "{\"email_hash\":\"" + sha256("user@example.com") + "\"}";
        CstgTestClient.Prepared ok = client.prepare(id, "COM.Example.Demo", System.currentTimeMillis());
        CstgTestClient.Answer a = client.send(ok.body().toString(), null, ok.secret());
        assertThat(a.status()).as(a.rawBody()).isEqualTo(200);
        String token = a.json().get("body").get("advertising_token").asText();
        assertThat(dsp.decryptTokenIntoRawUid(token, "com.example.demo").getStatus()).isEqualTo(DecryptionStatus.SUCCESS);

        CstgTestClient.Prepared wrong = client.prepare(id, "com.example.other", System.currentTimeMillis());
        assertError(client.send(wrong.body().toString(), "https://example.com", wrong.secret()), 403, "invalid_app_name", "unexpected app name");
        // the app name is bound into the AAD: sending it without having encrypted with it fails decryption
        CstgTestClient.Prepared noApp = prepared(id);
        ObjectNode body = noApp.body().deepCopy();
        body.put("app_name", "com.example.demo");
        assertError(post(body.toString(), null), 400, "client_error", "payload decryption failed");
    }

    @Test
    void tamperedPayloadWrongTimestampAndBadIv() throws Exception {
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\"}");
        byte[] payload = Base64.getDecoder().decode(p.body().get("payload").asText());
        payload[0] ^= 1;
        ObjectNode tampered = p.body().deepCopy().put("payload", Base64.getEncoder().encodeToString(payload));
        assertError(post(tampered.toString(), "https://example.com"), 400, "client_error", "payload decryption failed");
        ObjectNode otherTime = p.body().deepCopy().put("timestamp", p.body().get("timestamp").asLong() + 1);
        assertError(post(otherTime.toString(), "https://example.com"), 400, "client_error", "payload decryption failed");
        ObjectNode notBase64 = p.body().deepCopy().put("payload", "***");
        assertError(post(notBase64.toString(), "https://example.com"), 400, "client_error", "payload decryption failed");
        ObjectNode shortIv = p.body().deepCopy().put("iv", Base64.getEncoder().encodeToString(new byte[11]));
        assertError(post(shortIv.toString(), "https://example.com"), 400, "client_error", "bad iv");
        ObjectNode badIv = p.body().deepCopy().put("iv", "!!!");
        assertError(post(badIv.toString(), "https://example.com"), 400, "client_error", "bad iv");
        ObjectNode otherIv = p.body().deepCopy().put("iv", Base64.getEncoder().encodeToString(new byte[12]));
        assertError(post(otherIv.toString(), "https://example.com"), 400, "client_error", "payload decryption failed");
    }

    @Test
    void badPublicKeys() throws Exception {
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\"}");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        String p384 = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        byte[] offCurve = Base64.getDecoder().decode(p.body().get("public_key").asText());
        offCurve[offCurve.length - 1] ^= 1;
        for (String key : new String[]{"not base64!", Base64.getEncoder().encodeToString(new byte[91]), p384,
                Base64.getEncoder().encodeToString(offCurve), publicKey}) {
            ObjectNode body = p.body().deepCopy().put("public_key", key);
            assertError(post(body.toString(), "https://example.com"), 400, "client_error", "bad public key");
        }
    }

    @Test
    void missingParametersAndSubscription() throws Exception {
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\"}");
        for (String f : new String[]{"payload", "iv", "public_key"}) {
            ObjectNode body = p.body().deepCopy();
            body.remove(f);
            assertError(post(body.toString(), "https://example.com"), 400, "client_error", "required parameters: payload, iv, public_key");
            body.put(f, "");
            assertError(post(body.toString(), "https://example.com"), 400, "client_error", "required parameters: payload, iv, public_key");
        }
        ObjectNode unknown = p.body().deepCopy().put("subscription_id", "nope");
        assertError(post(unknown.toString(), "https://example.com"), 400, "client_error", "bad subscription_id");
        ObjectNode absent = p.body().deepCopy();
        absent.remove("subscription_id");
        assertError(post(absent.toString(), "https://example.com"), 400, "client_error", "bad subscription_id");
    }

    @Test
    void malformedBodies() throws Exception {
        assertError(post("", null), 400, "client_error", "json payload expected but not found");
        assertError(post("  \n", null), 400, "client_error", "json payload expected but not found");
        assertError(post("null", null), 400, "client_error", "json payload expected but not found");
        for (String body : new String[]{"{", "not json", "[1,2]", "\"text\"", "{} {}", "{\"payload\":{}}", "{\"iv\":[1]}"}) {
            assertError(post(body, null), 400, "client_error", "json payload is not valid");
        }
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\"}");
        ObjectNode extra = p.body().deepCopy().put("optout_check", 1);
        assertError(post(extra.toString(), "https://example.com"), 400, "client_error", "json payload is not valid");
        for (String ts : new String[]{"\"abc\"", "1.5", "true", "99999999999999999999999"}) {
            String body = p.body().deepCopy().put("timestamp", 0).toString().replace("\"timestamp\":0", "\"timestamp\":" + ts);
            assertError(post(body, "https://example.com"), 400, "client_error", "json payload is not valid");
        }
    }

    @Test
    void timestampIsOnlyAuthenticatedNeverCheckedForFreshness() throws Exception {
        String id = "{\"email_hash\":\"" + sha256("user@example.com") + "\"}";
        CstgTestClient.Prepared old = client.prepare(id, null, 1000);
        assertThat(client.send(old.body().toString(), "https://example.com", old.secret()).status()).isEqualTo(200);
        // a numeric string is read as the number (and the AAD holds the number)
        CstgTestClient.Prepared p = client.prepare(id, null, 123);
        String asString = p.body().toString().replace("\"timestamp\":123", "\"timestamp\":\"123\"");
        assertThat(client.send(asString, "https://example.com", p.secret()).status()).isEqualTo(200);
        // absent = 0
        CstgTestClient.Prepared zero = client.prepare(id, null, 0);
        ObjectNode noTs = zero.body().deepCopy();
        noTs.remove("timestamp");
        assertThat(client.send(noTs.toString(), "https://example.com", zero.secret()).status()).isEqualTo(200);
    }

    @Test
    void decryptedPayloadChecks() throws Exception {
        String[][] cases = {
                {"not json", "encrypted payload contains invalid json"},
                {"[\"email_hash\"]", "encrypted payload contains invalid json"},
                {"{}", "please provide exactly one of: email_hash, phone_hash"},
                {"{\"email\":\"user@example.com\"}", "please provide exactly one of: email_hash, phone_hash"},
                {"{\"email_hash\":\"" + sha256("a@b.com") + "\",\"phone_hash\":\"" + sha256("+12345678901") + "\"}",
                        "please provide exactly one of: email_hash, phone_hash"},
                {"{\"email_hash\":\"abc\"}", "Invalid Identifier"},
                {"{\"email_hash\":12}", "Invalid Identifier"},
                {"{\"email_hash\":{\"x\":1}}", "Invalid Identifier"},
        };
        for (String[] c : cases) {
            CstgTestClient.Prepared p = prepared(c[0]);
            assertError(client.send(p.body().toString(), "https://example.com", p.secret()), 400, "client_error", c[1]);
        }
        // other keys beside the hash (e.g. a historical optout_check) are ignored
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\",\"optout_check\":1}");
        assertThat(client.send(p.body().toString(), "https://example.com", p.secret()).status()).isEqualTo(200);
    }

    @Test
    void optedOutIdentityGetsEncryptedOptout() throws Exception {
        CstgTestClient.Answer a = client.emailHash(sha256("optout@example.com"), "https://example.com");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().toString()).isEqualTo("{\"status\":\"optout\"}");
        CstgTestClient.Prepared phone = prepared("{\"phone_hash\":\"" + sha256("+00000000000") + "\"}");
        assertThat(client.send(phone.body().toString(), "https://example.com", phone.secret()).json().get("status").asText())
                .isEqualTo("optout");
    }

    @Test
    void disabledKeypairIs401BeforeTheOriginCheck() throws Exception {
        KeypairService keypairs = new KeypairService(op.node.store());
        ClientSideKeypair kp = keypairs.create(siteId, "disabled", "ops@example.com", 0);
        keypairs.setDisabled(kp.subscriptionId(), true);
        op.node.state().poll();
        CstgTestClient other = new CstgTestClient(op.baseUrl, kp.subscriptionId(), kp.publicKey());
        assertError(other.emailHash(sha256("user@example.com"), "https://example.com"), 401, "unauthorized", "Unauthorized");
        assertError(other.emailHash(sha256("user@example.com"), "https://blahblah.com"), 401, "unauthorized", "Unauthorized");
        keypairs.setDisabled(kp.subscriptionId(), false);
        op.node.state().poll();
        assertThat(other.emailHash(sha256("user@example.com"), "https://example.com").status()).isEqualTo(200);
    }

    @Test
    void tokensRefreshAtTheRefreshEndpointAndStayClientSide() throws Exception {
        CstgTestClient.Answer a = client.emailHash(sha256("user@example.com"), "https://example.com");
        IdentityTokens identity = IdentityTokens.fromJsonString(a.json().get("body").toString());
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        TokenRefreshResponse r = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret()).refreshToken(identity);
        assertThat(r.isSuccess()).isTrue();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(r.getIdentity().getAdvertisingToken(), "example.com");
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getIsClientSideGenerated()).isTrue();
        // refresh-optout identity: generated client-side, refresh answers optout
        CstgTestClient.Answer ro = client.emailHash(sha256("refresh-optout@example.com"), "https://example.com");
        IdentityTokens roIdentity = IdentityTokens.fromJsonString(ro.json().get("body").toString());
        assertThat(new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret()).refreshToken(roIdentity).isOptout()).isTrue();
    }

    @Test
    void corsPreflightAndResponseHeaders() throws Exception {
        HttpResponse<byte[]> pre = op.api.send("OPTIONS", "/v2/token/client-generate", null, null,
                "Origin", "https://www.example.com", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        assertThat(pre.statusCode()).isEqualTo(204);
        assertThat(pre.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(pre.headers().firstValue("Access-Control-Allow-Headers").orElse("")).containsIgnoringCase("Content-Type");
        CstgTestClient.Prepared p = prepared("{\"email_hash\":\"" + sha256("user@example.com") + "\"}");
        HttpResponse<byte[]> post = op.api.send("POST", "/v2/token/client-generate", "text/plain",
                p.body().toString().getBytes(StandardCharsets.UTF_8), "Origin", "https://www.example.com");
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).contains("https://www.example.com");
        HttpResponse<byte[]> denied = op.api.send("POST", "/v2/token/client-generate", "text/plain",
                p.body().toString().getBytes(StandardCharsets.UTF_8), "Origin", "https://evil.example.net");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Access-Control-Allow-Origin")).contains("https://evil.example.net");
    }

    @Test
    void domainCheckCanBeTurnedOffAndTheRouteRemoved() throws Exception {
        try (TestOperator unchecked = TestOperator.bootstrapped(Map.of("client_side_token_generate_domain_name_check_enabled", "false"),
                System::currentTimeMillis)) {
            JsonNode creds = new ObjectMapper().readTree(unchecked.node.operator().config().credentialsPath().toFile());
            CstgTestClient c = new CstgTestClient(unchecked.baseUrl, creds.get("cstg").get("subscription_id").asText(),
                    creds.get("cstg").get("public_key").asText());
            assertThat(c.emailHash(sha256("user@example.com"), "https://blahblah.com").status()).isEqualTo(200);
            assertThat(c.emailHash(sha256("user@example.com"), null).status()).isEqualTo(200);
        }
        try (TestOperator off = TestOperator.bootstrapped(Map.of("client_side_token_generate", "false"), System::currentTimeMillis)) {
            ApiClient.Reply r = off.api.raw("/v2/token/client-generate", null, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(404);
        }
    }
}
