package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenRefreshResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The deprecated v1 GET API (spec endpoints.md §15), on in demo mode, sharing the v2 logic. */
class LegacyApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestOperator op;
    static TestOperator.Credentials gen;
    static TestOperator.Credentials reader;
    static TestOperator.Credentials mapper;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis);
        gen = op.demo(Role.GENERATOR);
        reader = op.demo(Role.ID_READER);
        mapper = op.demo(Role.MAPPER);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static HttpResponse<byte[]> get(String pathAndQuery, String key) throws Exception {
        return key == null ? op.api.send("GET", pathAndQuery, null, null)
                : op.api.send("GET", pathAndQuery, null, null, "Authorization", "Bearer " + key);
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void generateWithTheDocumentExamples() throws Exception {
        for (String q : new String[]{"email=username@example.com",
                "email_hash=eVvLS%2FVg%2BYZ6%2Bz3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc%3D",
                "phone=%2B1111111111",
                "phone_hash=eVvLS%2FVg%2BYZ6%2Bz3i0NOpSXYyQAfEXqCZ7BTpAjFUBUc%3D",
                "email_hash=tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf%2FF5HVRQ%3D"}) {
            HttpResponse<byte[]> r = get("/v1/token/generate?" + q, gen.key());
            assertThat(r.statusCode()).as(q).isEqualTo(200);
            JsonNode body = json(r).get("body");
            assertThat(body.get("advertising_token").asText()).startsWith(q.startsWith("phone") ? "B4" : "A4");
            assertThat(body.get("refresh_token").asText()).hasSize(168);
            assertThat(body.has("refresh_response_key")).isFalse();
            assertThat(body.get("identity_expires").asLong()).isGreaterThan(System.currentTimeMillis());
        }
    }

    @Test
    void unencodedPlusIsASpaceAndInvalid() throws Exception {
        HttpResponse<byte[]> r = get("/v1/token/generate?phone=+12345678901", gen.key());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("message").asText()).isEqualTo("Invalid Identifier");
    }

    @Test
    void generateErrors() throws Exception {
        assertThat(get("/v1/token/generate?email=a@b.c", null).statusCode()).isEqualTo(401);
        assertThat(new String(get("/v1/token/generate?email=a@b.c", null).body())).isEqualTo("{\"status\":\"unauthorized\"}");
        assertThat(get("/v1/token/generate?email=a@b.c", reader.key()).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> none = get("/v1/token/generate", gen.key());
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).get("message").asText()).isEqualTo(BadInputTest.EXACTLY_ONE);
        HttpResponse<byte[]> two = get("/v1/token/generate?email=a@b.c&phone=%2B12345678901", gen.key());
        assertThat(json(two).get("message").asText()).isEqualTo(BadInputTest.MORE_THAN_ONE);
        HttpResponse<byte[]> bad = get("/v1/token/generate?email=not-an-email", gen.key());
        assertThat(json(bad).get("status").asText()).isEqualTo("client_error");
        assertThat(json(bad).get("message").asText()).isEqualTo("Invalid Identifier");
    }

    @Test
    void v1TokenRefreshesThroughV2AndDecryptsWithTheSdk() throws Exception {
        JsonNode body = json(get("/v1/token/generate?email=legacy@example.com", gen.key())).get("body");
        BidstreamClient dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        assertThat(dsp.decryptTokenIntoRawUid(body.get("advertising_token").asText(), null).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        // a bare refresh token gets a plain JSON answer with a wrapped token: the SDK handles identities without a response key
        IdentityTokens identity = IdentityTokens.fromJsonString(body.toString());
        TokenRefreshResponse refreshed = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret()).refreshToken(identity);
        assertThat(refreshed.isSuccess()).isTrue();
        assertThat(refreshed.getIdentity().getRefreshToken()).hasSize(388);
        assertThat(dsp.decryptTokenIntoRawUid(refreshed.getIdentity().getAdvertisingToken(), null).getUid())
                .isEqualTo(dsp.decryptTokenIntoRawUid(body.get("advertising_token").asText(), null).getUid());
    }

    @Test
    void v1RefreshAnswers() throws Exception {
        JsonNode body = json(get("/v1/token/generate?email=again@example.com", gen.key())).get("body");
        String rt = java.net.URLEncoder.encode(body.get("refresh_token").asText(), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<byte[]> ok = get("/v1/token/refresh?refresh_token=" + rt, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("body").get("refresh_token").asText()).hasSize(168);
        HttpResponse<byte[]> missing = get("/v1/token/refresh", null);
        assertThat(json(missing).get("message").asText()).isEqualTo("Required Parameter Missing: refresh_token");
        HttpResponse<byte[]> unauth = get("/v1/token/refresh?refresh_token=abcd", null);
        assertThat(unauth.statusCode()).isEqualTo(400);
        assertThat(json(unauth).get("status").asText()).isEqualTo("error");
        HttpResponse<byte[]> auth = get("/v1/token/refresh?refresh_token=abcd", gen.key());
        assertThat(json(auth).get("status").asText()).isEqualTo("invalid_token");
        assertThat(json(auth).get("message").asText()).isEqualTo("Invalid Token presented abcd");
        // the opted-out test identity gets a token from v1 (no opt-out check) whose refresh answers optout
        JsonNode out = json(get("/v1/token/generate?email=optout@example.com", gen.key())).get("body");
        String ort = java.net.URLEncoder.encode(out.get("refresh_token").asText(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(get("/v1/token/refresh?refresh_token=" + ort, null)).get("status").asText()).isEqualTo("optout");
    }

    @Test
    void v1ValidateOnlyForTheTestIdentities() throws Exception {
        String token = json(get("/v1/token/generate?email=validate@example.com", gen.key())).get("body").get("advertising_token").asText();
        String t = java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(get("/v1/token/validate?token=" + t + "&email=validate@example.com", null)).get("body").asBoolean()).isTrue();
        assertThat(json(get("/v1/token/validate?token=" + t + "&email_hash=ntI244ZRTXwAwpki6%2FM5cyBYW7h%2FWq576lnN3l9%2BW%2Fc%3D", null)).get("body").asBoolean()).isTrue();
        String other = json(get("/v1/token/generate?email=other@example.com", gen.key())).get("body").get("advertising_token").asText();
        String o = java.net.URLEncoder.encode(other, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json(get("/v1/token/validate?token=" + o + "&email=other@example.com", null)).get("body").asBoolean()).isFalse();
        assertThat(json(get("/v1/token/validate?token=garbage&email=validate@example.com", null)).get("body").asBoolean()).isFalse();
        assertThat(get("/v1/token/validate?token=" + t, null).statusCode()).isEqualTo(400);
    }

    @Test
    void v1KeyLatest() throws Exception {
        HttpResponse<byte[]> r = get("/v1/key/latest", reader.key());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("body").isArray()).isTrue();
        assertThat(json(r).get("body").get(0).has("site_id")).isTrue();
        HttpResponse<byte[]> denied = get("/v1/key/latest", gen.key());
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(new String(denied.body())).isEqualTo("Unauthorized");
    }

    @Test
    void legacyApiIsOffUnlessEnabled() throws Exception {
        try (TestOperator plain = TestOperator.bootstrapped()) {
            HttpResponse<byte[]> off = plain.api.send("GET", "/v1/token/generate?email=a@b.c", null, null);
            assertThat(off.statusCode()).isEqualTo(404);
            assertThat(json(off).get("message").asText())
                    .isEqualTo("Not found: /v1/token/generate: the deprecated v1 API is served only when allow_legacy_api is on"
                            + " (serve --demo turns it on)");
        }
    }

    @Test
    void v1IdentityMapGet() throws Exception {
        HttpResponse<byte[]> r = get("/v1/identity/map?email=User%40Example.com", mapper.key());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r).get("body");
        assertThat(body.get("identifier").asText()).isEqualTo("User@Example.com");
        assertThat(body.get("advertising_id").asText()).hasSize(44);
        assertThat(body.get("bucket_id").asText()).isNotEmpty();
        ApiClient.Reply v2 = op.api.v2("/v2/identity/map", mapper.key(), mapper.secret(), "{\"email\":[\"user@example.com\"]}");
        assertThat(v2.json().get("body").get("mapped").get(0).get("advertising_id").asText()).isEqualTo(body.get("advertising_id").asText());
        JsonNode hash = json(get("/v1/identity/map?email_hash=tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf%2FF5HVRQ%3D", mapper.key())).get("body");
        assertThat(hash.get("identifier").asText()).isEqualTo("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=");
        assertThat(hash.get("advertising_id").asText()).isEqualTo(body.get("advertising_id").asText());
        // no opt-out check on the v1 single map, as in the legacy operator
        assertThat(get("/v1/identity/map?email=optout@example.com", mapper.key()).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> denied = get("/v1/identity/map?email=a@b.c", gen.key());
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(new String(denied.body())).isEqualTo("Unauthorized");
        assertThat(json(get("/v1/identity/map", mapper.key())).get("message").asText()).isEqualTo(BadInputTest.EXACTLY_ONE);
        assertThat(json(get("/v1/identity/map?phone=123", mapper.key())).get("message").asText()).isEqualTo("Invalid Identifier");
    }

    private static HttpResponse<byte[]> post(String path, String key, String body) throws Exception {
        return op.api.send("POST", path, "application/json", body.getBytes(), "Authorization", "Bearer " + key);
    }

    @Test
    void v1IdentityMapPost() throws Exception {
        JsonNode body = json(post("/v1/identity/map", mapper.key(), "{\"email\":[\"a@example.com\",\"bad\",\"optout@example.com\"]}")).get("body");
        assertThat(body.get("mapped")).hasSize(1);
        assertThat(body.get("mapped").get(0).get("identifier").asText()).isEqualTo("a@example.com");
        assertThat(body.get("unmapped").get(0).get("reason").asText()).isEqualTo("invalid identifier");
        assertThat(body.get("unmapped").get(1).get("reason").asText()).isEqualTo("optout");
        assertThat(json(post("/v1/identity/map", mapper.key(), "{\"email\":[]}")).get("body").toString()).isEqualTo("{\"mapped\":[]}");
        for (String bad : new String[]{"{}", "{\"foo\":1}"}) {
            HttpResponse<byte[]> r = post("/v1/identity/map", mapper.key(), bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("message").asText()).isEqualTo(BadInputTest.EXACTLY_ONE);
        }
        HttpResponse<byte[]> two = post("/v1/identity/map", mapper.key(), "{\"email\":[\"a@b.c\"],\"phone\":[\"+12345678901\"]}");
        assertThat(two.statusCode()).isEqualTo(400);
        assertThat(json(two).get("message").asText()).isEqualTo(BadInputTest.MORE_THAN_ONE);
        assertThat(json(post("/v1/identity/map", mapper.key(), "{\"email\":\"x\"}")).get("message").asText()).isEqualTo("email must be an array");
        HttpResponse<byte[]> notJson = post("/v1/identity/map", mapper.key(), "{not json");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).get("status").asText()).isEqualTo("client_error");
        assertThat(post("/v1/identity/map", gen.key(), "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void v1IdentityBuckets() throws Exception {
        HttpResponse<byte[]> r = get("/v1/identity/buckets?since_timestamp=2020-01-01T00%3A00%3A00", mapper.key());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r).get("body");
        assertThat(body.isArray()).isTrue();
        assertThat(body.get(0).get("last_updated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        assertThat(json(get("/v1/identity/buckets", mapper.key())).get("message").asText()).isEqualTo("missing parameter since_timestamp");
        assertThat(json(get("/v1/identity/buckets?since_timestamp=yesterday", mapper.key())).get("message").asText())
                .isEqualTo("invalid date, must conform to ISO 8601");
        assertThat(get("/v1/identity/buckets?since_timestamp=2020-01-01T00%3A00%3A00", reader.key()).statusCode()).isEqualTo(401);
    }
}
