package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.model.Role;
import org.openuid.server.docs.OpenApiDescription;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real answers of a running operator validated against the schemas of the OpenAPI description ({@code /openapi.json},
 * JSON Schema 2020-12 with the OpenAPI 3.1 dialect, networknt validator): decrypted 200 bodies of the enveloped
 * operations, plain error bodies, text answers of the ops endpoints. An answer whose status or media type the
 * description does not list fails, and every operation must have been answered successfully at least once.
 */
class OpenApiResponsesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DESCRIPTION = "classpath:openapi/openapi.json";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
    private static OpenApiDescription description;

    static TestOperator op;
    static ApiClient ops;
    static TestOperator.Credentials generator;
    static TestOperator.Credentials mapper;
    static TestOperator.Credentials reader;
    static TestOperator.Credentials sharer;
    static TestOperator.Credentials optout;

    /** Operation ("METHOD path") → statuses validated. */
    final Map<String, Set<Integer>> validated = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        description = OpenApiDescription.load();
        op = TestOperator.bootstrapped(Map.of("demo_mode", "true", "validate_service_links", "true"), System::currentTimeMillis);
        ops = new ApiClient("http://127.0.0.1:" + op.node.opsPort());
        generator = op.demo(Role.GENERATOR);
        mapper = op.demo(Role.MAPPER);
        reader = op.demo(Role.ID_READER);
        sharer = op.demo(Role.SHARER);
        optout = op.demo(Role.OPTOUT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (op != null) op.close();
    }

    // ------------------------------------------------------------------ validation

    private static boolean enveloped(String method, String path) {
        JsonNode o = description.root.at("/paths/" + OpenApiDescription.segment(path) + "/" + method.toLowerCase());
        return o.has("x-openuid-envelope");
    }

    /** Validates one answer; {@code decrypted} is the decrypted JSON of an encrypted 200 (else null). */
    private JsonNode check(String method, String path, int status, String contentType, byte[] body, JsonNode decrypted) throws Exception {
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        JsonNode instance;
        if (status == 200 && enveloped(method, path) && decrypted != null) {
            mediaType = "application/json";
            instance = decrypted;
        } else if (mediaType.equals("application/json")) {
            instance = JSON.readTree(body);
        } else {
            instance = TextNode.valueOf(new String(body, StandardCharsets.UTF_8));
        }
        String pointer = description.responseSchemaPointer(method, path, status, mediaType);
        assertThat(pointer).as("/openapi.json describes no %d %s answer for %s %s; got %s", status, mediaType, method, path,
                new String(body, StandardCharsets.UTF_8)).isNotNull();
        JsonSchema schema = SCHEMAS.computeIfAbsent(pointer, p -> FACTORY.getSchema(SchemaLocation.of(DESCRIPTION + "#" + p)));
        Set<ValidationMessage> errors = schema.validate(instance);
        assertThat(errors).as("%s %s answered %d %s, which does not match %s", method, path, status, instance, pointer).isEmpty();
        validated.computeIfAbsent(method + " " + path, k -> new TreeSet<>()).add(status);
        return instance;
    }

    private JsonNode check(String method, String path, ApiClient.Reply r) throws Exception {
        return check(method, path, r.status(), r.contentType(), r.body(), r.json());
    }

    private JsonNode check(String method, String path, HttpResponse<byte[]> r) throws Exception {
        return check(method, path, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body(), null);
    }

    private JsonNode v2(String path, TestOperator.Credentials c, String json, int expected) throws Exception {
        ApiClient.Reply r = op.api.v2(path, c.key(), c.secret(), json);
        assertThat(r.status()).as(path + " " + json + ": " + r.text()).isEqualTo(expected);
        return check("POST", path, r);
    }

    /** A MAPPER key of a service that has one link, {@code linked}, with role MAPPER. */
    private static TestOperator.Credentials serviceMapper() throws Exception {
        int site = op.demoSiteId();
        var store = op.node.store();
        store.upsertService(new org.openuid.core.model.Service(7, site, "partner", java.util.Set.of(Role.MAPPER)));
        store.upsertServiceLink(new org.openuid.core.model.ServiceLink("linked", 7, site, "", java.util.Set.of(Role.MAPPER), false));
        org.openuid.store.NewClientKey k = org.openuid.store.ApiKeys.create(site, "service key", java.util.EnumSet.of(Role.MAPPER),
                System.currentTimeMillis() / 1000);
        var c = k.client();
        store.upsertClient(new org.openuid.core.model.ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(), c.name(),
                c.contact(), c.created(), c.roles(), c.siteId(), false, 7));
        op.node.state().poll();
        return new TestOperator.Credentials(k.apiKey(), k.secretBase64(), site);
    }

    private JsonNode raw(String path, String key, byte[] body, int expected) throws Exception {
        ApiClient.Reply r = op.api.raw(path, key, "text/plain", body);
        assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(expected);
        return check("POST", path, r);
    }

    private JsonNode get(ApiClient client, String path, int expected, String... headers) throws Exception {
        HttpResponse<byte[]> r = client.send("GET", path, null, null, headers);
        assertThat(r.statusCode()).as(path + ": " + new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        return check("GET", path.split("\\?")[0], r);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(String s) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    // ------------------------------------------------------------------ the tour

    @Test
    void everyOperationAnswersAsDescribed() throws Exception {
        publisher();
        clientSide();
        advertiser();
        keys();
        operations();
        legacy();

        Set<String> missing = new TreeSet<>();
        for (OpenApiDescription.Operation o : description.operations())
            if (!validated.getOrDefault(o.key(), Set.of()).contains(200)) missing.add(o.key());
        assertThat(missing).as("operations of /openapi.json never answered 200 here (validated: %s)", validated).isEmpty();
    }

    private void publisher() throws Exception {
        String generate = "/v2/token/generate";
        JsonNode tokens = v2(generate, generator, "{\"email\":\"user@example.com\"}", 200).get("body");
        assertThat(v2(generate, generator, "{\"email\":\"optout@example.com\"}", 200).get("status").asText()).isEqualTo("optout");
        v2(generate, generator, "{}", 400);
        v2(generate, generator, "{\"email\":\"not an email\"}", 400);
        v2(generate, generator, null, 400);
        v2(generate, generator, "[1,2", 400);
        ApiClient.Reply stale = op.api.v2(generate, generator.key(), generator.secret(), "{\"email\":\"user@example.com\"}",
                System.currentTimeMillis() - 600_000, false);
        check("POST", generate, stale);
        assertThat(stale.status()).isEqualTo(400);
        ApiClient.Reply wrongSecret = op.api.v2(generate, generator.key(), mapper.secret(), "{\"email\":\"user@example.com\"}");
        assertThat(check("POST", generate, wrongSecret).get("message").asText()).startsWith("Invalid body: Check encryption key");
        raw(generate, generator.key(), new byte[0], 400);
        raw(generate, generator.key(), "%%%".getBytes(StandardCharsets.UTF_8), 400);
        raw(generate, generator.key(), "{\"email\":\"user@example.com\"}".getBytes(StandardCharsets.UTF_8), 400);
        raw(generate, generator.key(), Base64.getEncoder().encode(new byte[10]), 400);
        byte[] version2 = new byte[60];
        version2[0] = 2;
        raw(generate, generator.key(), Base64.getEncoder().encode(version2), 400);
        raw(generate, null, "x".getBytes(StandardCharsets.UTF_8), 401);
        raw(generate, mapper.key(), "x".getBytes(StandardCharsets.UTF_8), 401);
        raw(generate, generator.key(), new byte[(1 << 20) + 1], 413);

        String refresh = "/v2/token/refresh";
        HttpResponse<byte[]> r = op.api.send("POST", refresh, "text/plain", tokens.get("refresh_token").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        byte[] blob = Base64.getDecoder().decode(r.body());
        JsonNode refreshed = JSON.readTree(Aes256Gcm.decrypt(Base64.getDecoder().decode(tokens.get("refresh_response_key").asText()), blob, 0, blob.length));
        check("POST", refresh, 200, "application/json", r.body(), refreshed);
        JsonNode doomed = v2(generate, generator, "{\"email\":\"refresh-optout@example.com\"}", 200).get("body");
        r = op.api.send("POST", refresh, "text/plain", doomed.get("refresh_token").asText().getBytes(StandardCharsets.UTF_8));
        blob = Base64.getDecoder().decode(r.body());
        JsonNode opted = JSON.readTree(Aes256Gcm.decrypt(Base64.getDecoder().decode(doomed.get("refresh_response_key").asText()), blob, 0, blob.length));
        assertThat(check("POST", refresh, 200, "text/plain", r.body(), opted).get("status").asText()).isEqualTo("optout");
        raw(refresh, null, new byte[0], 400);
        raw(refresh, null, "!".repeat(388).getBytes(StandardCharsets.UTF_8), 400);
        byte[] unknownKey = new byte[291];
        unknownKey[1] = 0x7f;
        unknownKey[2] = unknownKey[3] = unknownKey[4] = (byte) 0xff;
        assertThat(raw(refresh, null, Base64.getEncoder().encode(unknownKey), 400).get("message").asText()).startsWith("Invalid key:");
        byte[] tampered = Base64.getDecoder().decode(tokens.get("refresh_token").asText());
        tampered[tampered.length - 1] ^= 1;
        raw(refresh, null, Base64.getEncoder().encode(tampered), 400);
        assertThat(raw(refresh, null, "A".repeat(100).getBytes(StandardCharsets.UTF_8), 400).get("status").asText()).isEqualTo("error");
        assertThat(raw(refresh, generator.key(), "A".repeat(100).getBytes(StandardCharsets.UTF_8), 400).get("status").asText()).isEqualTo("invalid_token");

        String validate = "/v2/token/validate";
        String token = tokens.get("advertising_token").asText();
        assertThat(v2(validate, generator, "{\"token\":\"" + token + "\",\"email\":\"user@example.com\"}", 200).get("body").asBoolean()).isTrue();
        assertThat(v2(validate, generator, "{\"token\":\"" + token + "\",\"email\":\"other@example.com\"}", 200).get("body").asBoolean()).isFalse();
        v2(validate, generator, "{\"token\":\"garbage\",\"email\":\"user@example.com\"}", 400);
        v2(validate, generator, "{\"token\":\"" + token + "\"}", 400);
        raw(validate, null, "x".getBytes(StandardCharsets.UTF_8), 401);
    }

    private void clientSide() throws Exception {
        JsonNode creds = JSON.readTree(op.node.operator().config().credentialsPath().toFile());
        String sub = creds.get("cstg").get("subscription_id").asText();
        CstgTestClient cstg = new CstgTestClient(op.baseUrl, sub, creds.get("cstg").get("public_key").asText());
        String path = "/v2/token/client-generate";
        CstgTestClient.Prepared p = cstg.prepare("{\"email_hash\":\"" + sha256("user@example.com") + "\"}", null, System.currentTimeMillis());
        CstgTestClient.Answer ok = cstg.send(p.body().toString(), "https://www.example.com", p.secret());
        assertThat(ok.status()).as(ok.rawBody()).isEqualTo(200);
        check("POST", path, 200, "text/plain", ok.rawBody().getBytes(StandardCharsets.UTF_8), ok.json());
        p = cstg.prepare("{\"email_hash\":\"" + sha256("optout@example.com") + "\"}", null, System.currentTimeMillis());
        CstgTestClient.Answer out = cstg.send(p.body().toString(), "https://example.com", p.secret());
        assertThat(check("POST", path, 200, "text/plain", out.rawBody().getBytes(StandardCharsets.UTF_8), out.json()).get("status").asText()).isEqualTo("optout");

        p = cstg.prepare("{\"email_hash\":\"" + sha256("user@example.com") + "\"}", null, System.currentTimeMillis());
        cstgError(p.body().toString(), "https://evil.example.org", 403);
        p = cstg.prepare("{\"email_hash\":\"" + sha256("user@example.com") + "\"}", "com.unknown.app", System.currentTimeMillis());
        cstgError(p.body().toString(), null, 403);
        cstgError("", "https://example.com", 400);
        cstgError("{\"unexpected\":1}", "https://example.com", 400);
        cstgError("{\"subscription_id\":\"nope\"}", "https://example.com", 400);
        cstgError("{\"subscription_id\":\"" + sub + "\"}", "https://example.com", 400);
        p = cstg.prepare("{\"email\":\"user@example.com\"}", null, System.currentTimeMillis());
        cstgError(p.body().toString(), "https://example.com", 400);
    }

    private void cstgError(String body, String origin, int expected) throws Exception {
        HttpResponse<byte[]> r = origin == null
                ? op.api.send("POST", "/v2/token/client-generate", "application/json", body.getBytes(StandardCharsets.UTF_8))
                : op.api.send("POST", "/v2/token/client-generate", "application/json", body.getBytes(StandardCharsets.UTF_8), "Origin", origin);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        check("POST", "/v2/token/client-generate", r);
    }

    private void advertiser() throws Exception {
        String v2map = "/v2/identity/map";
        JsonNode mapped = v2(v2map, mapper, "{\"email\":[\"user@example.com\",\"optout@example.com\",\"not an email\",null]}", 200);
        assertThat(mapped.at("/body/unmapped")).hasSize(3);
        v2(v2map, mapper, "{\"email\":[]}", 200);
        v2(v2map, mapper, "{\"email\":\"user@example.com\"}", 400);
        v2(v2map, mapper, "{\"email\":[\"a@example.com\"],\"phone\":[\"+12345678901\"]}", 400);
        raw(v2map, generator.key(), "x".getBytes(StandardCharsets.UTF_8), 401);
        TestOperator.Credentials service = serviceMapper();
        v2(v2map, service, "{\"email\":[\"user@example.com\"],\"link_id\":\"linked\"}", 200);
        assertThat(v2(v2map, service, "{\"email\":[\"user@example.com\"],\"link_id\":\"unknown\"}", 401)
                .get("message").asText()).isEqualTo("Invalid link_id");

        String v3map = "/v3/identity/map";
        JsonNode v3 = v2(v3map, mapper, "{\"email\":[\"leaver@example.com\",\"optout@example.com\",\"bad\"],\"phone\":[\"+12345678901\"]}", 200);
        String rawUid = v3.at("/body/email/0/u").asText();
        v2(v3map, mapper, "{}", 400);
        v2(v3map, mapper, "{\"email\":[\"a@example.com\"],\"link_id\":\"x\"}", 400);

        String buckets = "/v2/identity/buckets";
        assertThat(v2(buckets, mapper, "{\"since_timestamp\":\"2000-01-01T00:00:00\"}", 200).get("body")).isNotEmpty();
        v2(buckets, mapper, "{}", 400);
        v2(buckets, mapper, "{\"since_timestamp\":\"yesterday\"}", 400);

        String logout = "/v2/token/logout";
        assertThat(v2(logout, optout, "{\"email\":\"leaver@example.com\"}", 200).at("/body/optout").asText()).isEqualTo("OK");
        v2(logout, optout, "{}", 400);
        v2(logout, optout, "{\"email\":\"not an email\"}", 400);
        raw(logout, optout.key(), new byte[0], 400);
        raw(logout, mapper.key(), "x".getBytes(StandardCharsets.UTF_8), 401);

        String status = "/v2/optout/status";
        JsonNode optedOut = v2(status, mapper, "{\"advertising_ids\":[\"" + rawUid + "\",\"AAAA\"]}", 200);
        assertThat(optedOut.at("/body/opted_out/0/advertising_id").asText()).isEqualTo(rawUid);
        v2(status, reader, "{\"advertising_ids\":[]}", 200);
        v2(status, mapper, null, 400);
        v2(status, mapper, "{}", 400);
        v2(status, mapper, "{\"advertising_ids\":[1]}", 400);
        v2(status, mapper, "{\"advertising_ids\":[" + "\"a\",".repeat(5000) + "\"a\"]}", 400);
        assertThat(v2(v3map, mapper, "{\"email\":[\"leaver@example.com\"]}", 200).at("/body/email/0/e").asText()).isEqualTo("optout");
    }

    private void keys() throws Exception {
        v2("/v2/key/sharing", sharer, null, 200);
        assertThat(v2("/v2/key/sharing", reader, null, 200).at("/body/keys")).isNotEmpty();
        v2("/v2/key/bidstream", reader, null, 200);
        v2("/v2/key/latest", reader, null, 200);
        raw("/v2/key/sharing", generator.key(), "x".getBytes(StandardCharsets.UTF_8), 401);
        raw("/v2/key/bidstream", sharer.key(), "x".getBytes(StandardCharsets.UTF_8), 401);
        raw("/v2/key/bidstream", reader.key(), "AAAA".getBytes(StandardCharsets.UTF_8), 400);
        TestOperator.Credentials internal = op.createClient(2, false, Role.ID_READER);
        assertThat(v2("/v2/key/latest", internal, null, 401).get("status").asText()).isEqualTo("invalid_client");
        raw("/v2/key/latest", null, "x".getBytes(StandardCharsets.UTF_8), 401);
    }

    private void operations() throws Exception {
        assertThat(get(op.api, "/ops/healthcheck", 200).asText()).isEqualTo("OK");
        get(ops, "/ops/healthcheck", 200);
        get(ops, "/ops/ready", 200);
        get(ops, "/ops/live", 200);
        assertThat(get(ops, "/metrics", 200).asText()).contains("openuid_");
        JsonNode served = get(op.api, "/openapi.json", 200);
        assertThat(served).isEqualTo(description.root);
        HttpResponse<byte[]> page = op.api.send("GET", "/docs", null, null);
        assertThat(check("GET", "/docs", page).asText()).contains("fetch('/openapi.json')");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'sha256-").doesNotContain("unsafe-inline");
        check("GET", "/favicon.ico", op.api.send("GET", "/favicon.ico", null, null));
    }

    private void legacy() throws Exception {
        String auth = "Bearer " + generator.key();
        JsonNode v1 = get(op.api, "/v1/token/generate?email=" + q("validate@example.com"), 200, "Authorization", auth);
        get(op.api, "/v1/token/generate?email=bad", 400, "Authorization", auth);
        get(op.api, "/v1/token/generate?email=" + q("a@example.com") + "&phone=" + q("+12345678901"), 400, "Authorization", auth);
        get(op.api, "/v1/token/generate?email=" + q("a@example.com"), 401);
        String bare = v1.at("/body/refresh_token").asText();
        get(op.api, "/v1/token/refresh?refresh_token=" + q(bare), 200);
        JsonNode doomed = get(op.api, "/v1/token/generate?email=" + q("refresh-optout@example.com"), 200, "Authorization", auth);
        assertThat(get(op.api, "/v1/token/refresh?refresh_token=" + q(doomed.at("/body/refresh_token").asText()), 200).get("status").asText())
                .isEqualTo("optout");
        get(op.api, "/v1/token/refresh", 400);
        get(op.api, "/v1/token/refresh?refresh_token=AAAA", 400);
        get(op.api, "/v1/token/refresh?refresh_token=AAAA", 400, "Authorization", auth);
        String token = v1.at("/body/advertising_token").asText();
        assertThat(get(op.api, "/v1/token/validate?token=" + q(token) + "&email=" + q("validate@example.com"), 200).get("body").asBoolean()).isTrue();
        assertThat(get(op.api, "/v1/token/validate?token=x&email=" + q("user@example.com"), 200).get("body").asBoolean()).isFalse();
        get(op.api, "/v1/token/validate?token=x", 400);
        get(op.api, "/v1/key/latest", 200, "Authorization", "Bearer " + reader.key());
        assertThat(get(op.api, "/v1/key/latest", 401).asText()).isEqualTo("Unauthorized");

        String mapperAuth = "Bearer " + mapper.key();
        assertThat(get(op.api, "/v1/identity/map?email=" + q("user@example.com"), 200, "Authorization", mapperAuth).at("/body/identifier").asText())
                .isEqualTo("user@example.com");
        get(op.api, "/v1/identity/map?email=bad", 400, "Authorization", mapperAuth);
        get(op.api, "/v1/identity/map?email=" + q("user@example.com"), 401);
        String map = "/v1/identity/map";
        HttpResponse<byte[]> posted = op.api.send("POST", map, "application/json",
                "{\"email\":[\"user@example.com\",\"optout@example.com\"]}".getBytes(StandardCharsets.UTF_8), "Authorization", mapperAuth);
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(check("POST", map, posted).at("/body/unmapped/0/reason").asText()).isEqualTo("optout");
        HttpResponse<byte[]> notJson = op.api.send("POST", map, "application/json", "nope".getBytes(StandardCharsets.UTF_8), "Authorization", mapperAuth);
        assertThat(notJson.statusCode()).isEqualTo(400);
        check("POST", map, notJson);
        HttpResponse<byte[]> anonymous = op.api.send("POST", map, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        check("POST", map, anonymous);
        assertThat(get(op.api, "/v1/identity/buckets?since_timestamp=" + q("2000-01-01T00:00:00"), 200, "Authorization", mapperAuth).get("body"))
                .isNotEmpty();
        get(op.api, "/v1/identity/buckets", 400, "Authorization", mapperAuth);
        get(op.api, "/v1/identity/buckets?since_timestamp=soon", 400, "Authorization", mapperAuth);
        get(op.api, "/v1/identity/buckets?since_timestamp=soon", 401);
    }

    // ------------------------------------------------------------------ other deployments

    @Test
    void euidConsentAnswersAsDescribed() throws Exception {
        try (TestOperator euid = TestOperator.bootstrapped(Map.of("identity_scope", "euid"), System::currentTimeMillis)) {
            TestOperator.Credentials gen = euid.demo(Role.GENERATOR);
            ApiClient.Reply r = euid.api.v2("/v2/token/generate", gen.key(), gen.secret(),
                    "{\"email\":\"user@example.com\",\"tcf_consent_string\":\"CPehXK9PehXK9ABAMBFRACBoADAAAEJAAIYgAKwAQAKgArABAAqAAA\"}");
            assertThat(check("POST", "/v2/token/generate", r).get("status").asText()).isEqualTo("insufficient_user_consent");
            r = euid.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"user@example.com\",\"tcf_consent_string\":\"\"}");
            assertThat(check("POST", "/v2/token/generate", r).get("message").asText()).isEqualTo("User consent is invalid");
            r = euid.api.raw("/v2/token/generate", gen.key(), "text/plain", "%%%".getBytes(StandardCharsets.UTF_8));
            assertThat(check("POST", "/v2/token/generate", r).get("message").asText()).contains("https://euid.eu/");
            ApiClient.Reply keys = euid.api.v2("/v2/key/bidstream", euid.demo(Role.ID_READER).key(), euid.demo(Role.ID_READER).secret(), null);
            assertThat(check("POST", "/v2/key/bidstream", keys).at("/body/identity_scope").asText()).isEqualTo("EUID");
            // outside demo mode /docs says where the description is
            assertThat(get(euid.api, "/docs", 404).get("message").asText())
                    .contains("demo mode only").contains("/openapi.json");
            get(euid.api, "/openapi.json", 200);
        }
    }

    @Test
    void aNodeFailingClosedAnswersAsDescribed() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        try (TestOperator node = TestOperator.bootstrapped(Map.of("demo_mode", "true"), clock::get)) {
            TestOperator.Credentials gen = node.demo(Role.GENERATOR);
            clock.addAndGet(11 * 365L * 86_400_000L);
            ApiClient.Reply r = node.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"user@example.com\"}", clock.get(), false);
            assertThat(r.status()).isEqualTo(503);
            check("POST", "/v2/token/generate", r);
            r = node.api.raw("/v2/token/refresh", null, "text/plain", "AAAA".getBytes(StandardCharsets.UTF_8));
            check("POST", "/v2/token/refresh", r);
            HttpResponse<byte[]> h = node.api.send("GET", "/ops/healthcheck", null, null);
            assertThat(h.statusCode()).isEqualTo(503);
            assertThat(check("GET", "/ops/healthcheck", h).asText()).startsWith("unhealthy: ");
            h = node.api.send("GET", "/v1/token/generate?email=a%40example.com", null, null, "Authorization", "Bearer " + gen.key());
            assertThat(h.statusCode()).isEqualTo(503);
            check("GET", "/v1/token/generate", h);
        }
    }

    @Test
    void answersOutsideAnyOperationHaveTheErrorShape() throws Exception {
        JsonSchema error = FACTORY.getSchema(SchemaLocation.of(DESCRIPTION + "#/components/schemas/ErrorBody"));
        HttpResponse<byte[]> notFound = op.api.send("POST", "/v2/nope", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(error.validate(JSON.readTree(notFound.body()))).isEmpty();
        HttpResponse<byte[]> wrongMethod = op.api.send("GET", "/v2/token/generate", null, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(error.validate(JSON.readTree(wrongMethod.body()))).isEmpty();
        assertThat(description.root.at("/info/description").asText())
                .contains("{\"status\":\"client_error\",\"message\":\"Not found: <path>\"}")
                .contains("{\"status\":\"client_error\",\"message\":\"Method not allowed\"}");
    }
}
