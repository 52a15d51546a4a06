package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every validation path of identity map v2 and v3, buckets and opt-out status (spec endpoints.md §7, §8, §10, §12)
 * answers a 4xx with the spec's message, never a 5xx; and the edge cases that are 200 answer what the spec says.
 */
class IdentityBadInputTest {
    static final String EXACTLY_ONE = "Required Parameter Missing: exactly one of [email, email_hash, phone, phone_hash] must be specified";
    static final String EXACTLY_ONE_NO_PHONE = "Required Parameter Missing: exactly one of email or email_hash must be specified";
    static final String ONE_OR_MORE = "Required Parameter Missing: one or more of [email, email_hash, phone, phone_hash] must be specified";
    static final String ONE_OR_MORE_NO_PHONE = "Required Parameter Missing: one or more of [email, email_hash] must be specified";
    static final String INCORRECT = "Incorrect request format";
    static final String EMPTY_V3 = "{\"email\":[],\"email_hash\":[],\"phone\":[],\"phone_hash\":[]}";

    static TestOperator op;
    /** Phone support and the opt-out status API switched off. */
    static TestOperator noPhone;
    static TestOperator.Credentials mapper;
    static TestOperator.Credentials noPhoneMapper;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("optout_status_max_request_size", "3"), System::currentTimeMillis);
        mapper = op.demo(Role.MAPPER);
        noPhone = TestOperator.bootstrapped(Map.of("enable_phone_support", "false", "optout_status_api_enabled", "false"),
                System::currentTimeMillis);
        noPhoneMapper = noPhone.demo(Role.MAPPER);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
        noPhone.close();
    }

    private static ApiClient.Reply post(String path, String json) throws Exception {
        ApiClient.Reply r = op.api.v2(path, mapper.key(), mapper.secret(), json);
        assertThat(r.status()).as(r.text()).isLessThan(500);
        return r;
    }

    private static void assertError(ApiClient.Reply r, String message) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.plainJson().get("status").asText()).isEqualTo("client_error");
        assertThat(r.plainJson().get("message").asText()).isEqualTo(message);
    }

    private static JsonNode ok(ApiClient.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("success");
        return r.json().get("body");
    }

    // ---------------------------------------------------------------- authentication and envelope, all endpoints

    @Test
    void authenticationAndRolesComeFirst() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        for (String path : new String[]{"/v2/identity/map", "/v3/identity/map", "/v2/identity/buckets", "/v2/optout/status"}) {
            ApiClient.Reply r = op.api.v2(path, gen.key(), gen.secret(), "{}");
            assertThat(r.status()).as(path).isEqualTo(401);
            assertThat(r.text()).isEqualTo("{\"status\":\"unauthorized\"}");
            assertThat(op.api.raw(path, null, "text/plain", "x".getBytes()).status()).as(path).isEqualTo(401);
        }
        for (Role role : new Role[]{Role.SHARER, Role.ID_READER}) {
            TestOperator.Credentials c = op.demo(role);
            assertThat(op.api.v2("/v2/identity/map", c.key(), c.secret(), "{\"email\":[]}").status()).isEqualTo(401);
            assertThat(op.api.v2("/v2/optout/status", c.key(), c.secret(), "{\"advertising_ids\":[]}").status()).isEqualTo(200);
        }
    }

    @Test
    void envelopeErrorsAre400OnEveryEndpoint() throws Exception {
        for (String path : new String[]{"/v2/identity/map", "/v3/identity/map", "/v2/identity/buckets", "/v2/optout/status"}) {
            assertError(op.api.raw(path, mapper.key(), "text/plain", new byte[0]), "Invalid body: Body is missing.");
            ApiClient.Reply stale = op.api.v2(path, mapper.key(), mapper.secret(), "{}", System.currentTimeMillis() - 180_000, false);
            assertError(stale, "Invalid timestamp: Request too old or client time drift.");
            assertError(op.api.v2(path, mapper.key(), mapper.secret(), "not json"), "Invalid payload in body: Data is not valid json string.");
            assertError(op.api.v2(path, mapper.key(), mapper.secret(), "[\"email\"]"), "Invalid payload in body: Data is not valid json string.");
        }
    }

    // ---------------------------------------------------------------- §7 /v2/identity/map

    @Test
    void v2NoneOrSeveralKinds() throws Exception {
        for (String json : new String[]{null, "{}", "{\"foo\":1}", "{\"email\":null}", "{\"email\":null,\"phone_hash\":null}"}) {
            assertError(post("/v2/identity/map", json), EXACTLY_ONE);
        }
        for (String json : new String[]{"{\"email\":[\"a@b.c\"],\"phone\":[\"+12345678901\"]}", "{\"email\":[\"a@b.c\"],\"email_hash\":[\"x\"]}"}) {
            assertError(post("/v2/identity/map", json), BadInputTest.MORE_THAN_ONE);
        }
    }

    @Test
    void v2NonArrayValues() throws Exception {
        assertError(post("/v2/identity/map", "{\"email\":\"a@b.c\"}"), "email must be an array");
        assertError(post("/v2/identity/map", "{\"email_hash\":{}}"), "email_hash must be an array");
        assertError(post("/v2/identity/map", "{\"phone\":12345678901}"), "phone must be an array");
        assertError(post("/v2/identity/map", "{\"phone_hash\":true}"), "phone_hash must be an array");
        // the array check comes before the exactly-one check
        assertError(post("/v2/identity/map", "{\"email\":[\"a@b.c\"],\"phone\":[\"+12345678901\"],\"phone_hash\":\"x\"}"),
                "phone_hash must be an array");
    }

    @Test
    void v2EmptyArraysAnswerAnEmptyMappedList() throws Exception {
        assertThat(ok(post("/v2/identity/map", "{\"email\":[]}")).toString()).isEqualTo("{\"mapped\":[]}");
        assertThat(ok(post("/v2/identity/map", "{\"email\":[],\"phone\":[],\"email_hash\":null}")).toString()).isEqualTo("{\"mapped\":[]}");
        JsonNode one = ok(post("/v2/identity/map", "{\"email\":[\"a@b.c\"],\"phone\":[],\"link_id\":\"ignored\"}"));
        assertThat(one.get("mapped")).hasSize(1);
        assertThat(one.has("unmapped")).isFalse();
    }

    @Test
    void v2ElementsThatAreNotValidIdentifiers() throws Exception {
        JsonNode body = ok(post("/v2/identity/map",
                "{\"email\":[null,123,true,{\"a\":1},[\"x\"],\"\",\"user@@example.com\",\"  User@Example.com  \"]}"));
        assertThat(body.get("mapped")).hasSize(1);
        assertThat(body.get("mapped").get(0).get("identifier").asText()).isEqualTo("  User@Example.com  ");
        JsonNode unmapped = body.get("unmapped");
        assertThat(unmapped).hasSize(7);
        for (JsonNode u : unmapped) assertThat(u.get("reason").asText()).isEqualTo("invalid identifier");
        assertThat(unmapped.get(0).get("identifier").isNull()).isTrue();
        assertThat(unmapped.get(1).get("identifier").asText()).isEqualTo("123");
        assertThat(unmapped.get(2).get("identifier").asText()).isEqualTo("true");
        assertThat(unmapped.get(3).get("identifier").asText()).isEqualTo("{\"a\":1}");
        assertThat(unmapped.get(4).get("identifier").asText()).isEqualTo("[\"x\"]");
        assertThat(unmapped.get(5).get("identifier").asText()).isEmpty();
        assertThat(unmapped.get(6).get("identifier").asText()).isEqualTo("user@@example.com");
    }

    @Test
    void v2IdentifiersAreEchoedVerbatim() throws Exception {
        String tricky = "quote\"back\\slash\ttab\u2028\u00e9\uD83D\uDE00@example.com";
        String hashB64Escaped = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ\\u003d";
        JsonNode body = ok(post("/v2/identity/map", "{\"email\":[" + com.fasterxml.jackson.databind.node.TextNode.valueOf(tricky) + "]}"));
        assertThat(body.get("mapped").get(0).get("identifier").asText()).isEqualTo(tricky);
        JsonNode hashed = ok(post("/v2/identity/map", "{\"email_hash\":[\"" + hashB64Escaped + "\",\"B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514\"]}"));
        assertThat(hashed.get("mapped").get(0).get("identifier").asText()).isEqualTo("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ=");
        assertThat(hashed.get("mapped").get(1).get("identifier").asText()).isEqualTo("B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514");
        assertThat(hashed.get("mapped").get(0).get("advertising_id")).isEqualTo(hashed.get("mapped").get(1).get("advertising_id"));
    }

    @Test
    void v2WithPhoneSupportOff() throws Exception {
        ApiClient.Reply r = noPhone.api.v2("/v2/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(), "{\"phone\":[\"+12345678901\"]}");
        assertError(r, EXACTLY_ONE_NO_PHONE);
        assertError(noPhone.api.v2("/v2/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(), "{\"phone\":\"not even an array\"}"),
                EXACTLY_ONE_NO_PHONE);
        assertError(noPhone.api.v2("/v2/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(), "{}"), EXACTLY_ONE_NO_PHONE);
        assertError(noPhone.api.v2("/v2/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(),
                "{\"email\":[\"a@b.c\"],\"email_hash\":[\"x\"]}"), "Both email and email_hash given: exactly one of email or email_hash must be specified");
        JsonNode body = ok(noPhone.api.v2("/v2/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(),
                "{\"email\":[\"a@b.c\"],\"phone\":[\"+12345678901\"]}"));
        assertThat(body.get("mapped")).hasSize(1);
        assertThat(body.get("mapped").get(0).get("identifier").asText()).isEqualTo("a@b.c");
    }

    // ---------------------------------------------------------------- §8 /v3/identity/map

    @Test
    void v3EmptyPayload() throws Exception {
        assertError(post("/v3/identity/map", null), ONE_OR_MORE);
        assertError(post("/v3/identity/map", "{}"), ONE_OR_MORE);
        assertError(noPhone.api.v2("/v3/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(), "{}"), ONE_OR_MORE_NO_PHONE);
    }

    @Test
    void v3StrictParsing() throws Exception {
        for (String json : new String[]{"{\"link_id\":\"x\"}", "{\"email\":[],\"policy\":1}", "{\"email\":\"a@b.c\"}",
                "{\"email\":{}}", "{\"phone\":12}", "{\"email\":[null]}", "{\"email\":[\"a@b.c\",null]}",
                "{\"email_hash\":[{\"a\":1}]}", "{\"phone_hash\":[[\"x\"]]}", "{\"Email\":[]}"}) {
            assertError(post("/v3/identity/map", json), INCORRECT);
        }
    }

    @Test
    void v3EmptyArraysAndNumbers() throws Exception {
        assertThat(ok(post("/v3/identity/map", "{\"email\":[]}")).toString()).isEqualTo(EMPTY_V3);
        assertThat(ok(post("/v3/identity/map", "{\"email_hash\":null}")).toString()).isEqualTo(EMPTY_V3);
        assertThat(ok(post("/v3/identity/map", "{\"email\":[123,true]}")).toString())
                .isEqualTo("{\"email\":[{\"e\":\"invalid identifier\"},{\"e\":\"invalid identifier\"}],\"email_hash\":[],\"phone\":[],\"phone_hash\":[]}");
        // phone support does not filter v3
        JsonNode phone = ok(noPhone.api.v2("/v3/identity/map", noPhoneMapper.key(), noPhoneMapper.secret(), "{\"phone\":[\"+12345678901\"]}"));
        assertThat(phone.get("phone").get(0).has("u")).isTrue();
        assertThat(phone.get("phone").get(0).get("p").isNull()).isTrue();
    }

    @Test
    void v3AnswersBinaryToBinaryAndTextToText() throws Exception {
        String json = "{\"email\":[\"a@b.c\"]}";
        ApiClient.Reply binary = op.api.v2("/v3/identity/map", mapper.key(), mapper.secret(), json, System.currentTimeMillis(), true);
        assertThat(binary.contentType()).isEqualTo("application/octet-stream");
        ApiClient.Reply text = op.api.v2("/v3/identity/map", mapper.key(), mapper.secret(), json, System.currentTimeMillis(), false);
        assertThat(text.contentType()).startsWith("text/plain");
        assertThat(ok(binary)).isEqualTo(ok(text));
    }

    // ---------------------------------------------------------------- §10 /v2/identity/buckets

    @Test
    void bucketsMissingSince() throws Exception {
        for (String json : new String[]{null, "{}", "{\"since_timestamp\":null}", "{\"since\":\"2020-01-01T00:00:00\"}"})
            assertError(post("/v2/identity/buckets", json), "missing parameter since_timestamp");
    }

    @Test
    void bucketsUnparsableSince() throws Exception {
        for (String json : new String[]{"{\"since_timestamp\":1654469523}", "{\"since_timestamp\":\"2022-06-05\"}",
                "{\"since_timestamp\":\"2022-06-05T22:52:03Z\"}", "{\"since_timestamp\":\"2022-06-05 22:52:03\"}",
                "{\"since_timestamp\":\"\"}", "{\"since_timestamp\":{}}", "{\"since_timestamp\":[\"2022-06-05T22:52:03\"]}",
                "{\"since_timestamp\":true}"}) {
            assertError(post("/v2/identity/buckets", json), "invalid date, must conform to ISO 8601");
        }
    }

    @Test
    void bucketsWithFractionsAndFutureTimes() throws Exception {
        assertThat(ok(post("/v2/identity/buckets", "{\"since_timestamp\":\"2000-01-01T00:00:00.123456\"}"))).hasSize(4096);
        JsonNode none = ok(post("/v2/identity/buckets", "{\"since_timestamp\":\"2999-01-01T00:00:00\"}"));
        assertThat(none.toString()).isEqualTo("[]");
        JsonNode all = ok(post("/v2/identity/buckets", "{\"since_timestamp\":\"2000-01-01T00:00:00\"}"));
        assertThat(all.get(0).get("last_updated").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");
    }

    // ---------------------------------------------------------------- §12 /v2/optout/status

    @Test
    void optOutStatusMalformedBodies() throws Exception {
        assertError(post("/v2/optout/status", null), "Invalid request body");
        assertError(post("/v2/optout/status", "{}"), "Required Parameter Missing: advertising_ids");
        assertError(post("/v2/optout/status", "{\"advertising_ids\":null}"), "Required Parameter Missing: advertising_ids");
        for (String json : new String[]{"{\"advertising_ids\":\"x\"}", "{\"advertising_ids\":{}}", "{\"advertising_ids\":5}",
                "{\"advertising_ids\":[1]}", "{\"advertising_ids\":[null]}", "{\"advertising_ids\":[\"a\",[\"b\"]]}",
                "{\"advertising_ids\":[{\"id\":\"a\"}]}"}) {
            assertError(post("/v2/optout/status", json), "Invalid request body");
        }
    }

    @Test
    void optOutStatusSizeLimit() throws Exception {
        assertError(post("/v2/optout/status", "{\"advertising_ids\":[\"a\",\"b\",\"c\",\"d\"]}"), "Request payload is too large");
        assertThat(ok(post("/v2/optout/status", "{\"advertising_ids\":[\"a\",\"b\",\"c\"]}")).toString()).isEqualTo("{\"opted_out\":[]}");
        assertThat(ok(post("/v2/optout/status", "{\"advertising_ids\":[]}")).toString()).isEqualTo("{\"opted_out\":[]}");
    }

    @Test
    void optOutStatusCanBeSwitchedOff() throws Exception {
        assertThat(noPhone.api.v2("/v2/optout/status", noPhoneMapper.key(), noPhoneMapper.secret(), "{\"advertising_ids\":[]}").status())
                .isEqualTo(404);
    }
}
