package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.Role;
import org.openuid.core.service.Snapshot;
import org.openuid.core.token.RefreshToken;
import org.openuid.core.token.RefreshTokenCodec;
import org.openuid.store.AdminToken;
import org.openuid.store.AdminTokens;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin API: every operation, authentication, input validation and the audit log. */
class AdminApiTest {
    static TestOperator op;
    static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        admin = AdminHttp.of(op);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    // ------------------------------------------------------------------ admin token

    @Test
    void firstStartPrintsTheAdminTokenOnceAndStoresOnlyItsHash() throws Exception {
        String token = AdminHttp.adminToken(op);
        assertThat(token).startsWith("OUID-A-").hasSize(7 + 8 + 1 + 40);
        assertThat(op.startupOutput).contains("Admin token").contains(token);
        List<AdminToken> stored = op.node.store().adminTokens();
        assertThat(stored).hasSize(1);
        AdminToken t = stored.get(0);
        assertThat(token).startsWith(t.tokenId());
        assertThat(t.hash()).isEqualTo(AdminTokens.hash(t.salt(), token));
        assertThat(t.toString()).doesNotContain(token.substring(t.tokenId().length()));
        assertThat(auditOperations()).contains("admin_token.create");
    }

    @Test
    void missingOrWrongAdminTokenIs401() throws Exception {
        assertThat(admin.withToken(null).get("/admin/v1/sites").status()).isEqualTo(401);
        AdminHttp.Answer wrong = admin.withToken("OUID-A-abcdefgh-" + "x".repeat(40)).get("/admin/v1/sites");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("status").asText()).isEqualTo("unauthorized");
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        String real = AdminHttp.adminToken(op);
        char last = real.charAt(real.length() - 1);
        String oneCharOff = real.substring(0, real.length() - 1) + (last == 'Z' ? 'Y' : 'Z'); // never the real token
        assertThat(admin.withToken(oneCharOff).get("/admin/v1/sites").status()).isEqualTo(401);
        assertThat(admin.withToken("garbage").post("/admin/v1/sites", "{\"name\":\"x\"}").status()).isEqualTo(401);
        AdminHttp.Answer basic = admin.withToken(null).send("GET", "/admin/v1/whoami", null, "Authorization", "Basic " + real);
        assertThat(basic.status()).isEqualTo(401);
        AdminHttp.Answer me = admin.get("/admin/v1/whoami");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("token_id").asText()).isEqualTo(real.substring(0, 15));
        assertThat(me.json().get("can_reveal").asBoolean()).isTrue();
    }

    @Test
    void aDisabledAdminTokenIsRefused() throws Exception {
        var extra = AdminTokens.create("second", System.currentTimeMillis() / 1000);
        op.node.store().upsertAdminToken(extra.record());
        assertThat(admin.withToken(extra.token()).get("/admin/v1/whoami").status()).isEqualTo(200);
        op.node.store().upsertAdminToken(extra.record().withDisabled(true));
        assertThat(admin.withToken(extra.token()).get("/admin/v1/whoami").status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------ sites

    @Test
    void sitesCanBeCreatedListedReadAndUpdated() throws Exception {
        AdminHttp.Answer created = admin.post("/admin/v1/sites",
                "{\"name\":\"News site\",\"domain_names\":[\"https://www.NewsSite.com/path\"],\"app_names\":[\"com.news.app\"]}");
        assertThat(created.status()).isEqualTo(201);
        int id = created.json().get("site_id").asInt();
        assertThat(created.json().get("domain_names").get(0).asText()).isEqualTo("newssite.com");
        assertThat(created.json().get("default_keyset_id").asInt()).isPositive();
        assertThat(created.json().get("enabled").asBoolean()).isTrue();

        assertThat(admin.get("/admin/v1/sites").json().get("sites").findValuesAsText("name")).contains("News site");
        assertThat(admin.get("/admin/v1/sites/" + id).json().get("app_names").get(0).asText()).isEqualTo("com.news.app");

        AdminHttp.Answer updated = admin.patch("/admin/v1/sites/" + id,
                "{\"name\":\"News site 2\",\"domain_names\":[\"news2.com\",\"www.news2.com\"],\"app_names\":[],\"enabled\":false}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("name").asText()).isEqualTo("News site 2");
        assertThat(updated.json().get("domain_names").size()).isEqualTo(1);
        assertThat(updated.json().get("app_names").size()).isZero();
        assertThat(updated.json().get("enabled").asBoolean()).isFalse();
        assertThat(op.node.store().site(id).orElseThrow().enabled()).isFalse();
        assertThat(auditOperations()).contains("site.create", "site.update");
    }

    @Test
    void invalidSiteInputIs400AndUnknownSitesAre404() throws Exception {
        expect400(admin.post("/admin/v1/sites", "{}"), "name is required");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"  \"}"), "name is required");
        expect400(admin.post("/admin/v1/sites", "{\"name\":7}"), "name must be a string");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"x\",\"domian_names\":[]}"), "unknown field 'domian_names'");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"x\",\"domain_names\":\"a.example\"}"), "domain_names must be an array of strings");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"x\",\"domain_names\":[\"not a domain\"]}"), "not a domain");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"x\",\"app_names\":[\"has space\"]}"), "is not an app name");
        expect400(admin.post("/admin/v1/sites", "{\"name\":\"" + "n".repeat(201) + "\"}"), "at most 200");
        expect400(admin.post("/admin/v1/sites", "{not json"), "must be a JSON object");
        expect400(admin.post("/admin/v1/sites", "[1,2]"), "must be a JSON object");
        expect400(admin.patch("/admin/v1/sites/100", "{}"), "nothing to change");
        expect400(admin.patch("/admin/v1/sites/100", "{\"enabled\":\"yes\"}"), "enabled must be true or false");
        expect404(admin.get("/admin/v1/sites/999999"), "site 999999 does not exist");
        expect404(admin.patch("/admin/v1/sites/999999", "{\"enabled\":false}"), "site 999999 does not exist");
        expect404(admin.get("/admin/v1/sites/abc"), "site 'abc' does not exist");
        expect404(admin.get("/admin/v1/nothing-here"), "no admin API route");
    }

    // ------------------------------------------------------------------ client keys

    @Test
    void clientKeysAreCreatedOnceRevealedDisabledEnabledAndRotated() throws Exception {
        int siteId = newSite("Client key site");
        AdminHttp.Answer created = admin.post("/admin/v1/clients",
                "{\"site_id\":" + siteId + ",\"name\":\"Backend\",\"roles\":[\"generator\",\"MAPPER\"]}");
        assertThat(created.status()).isEqualTo(201);
        String keyId = created.json().get("key_id").asText();
        String key = created.json().get("key").asText();
        String secret = created.json().get("secret").asText();
        assertThat(created.json().get("roles").toString()).isEqualTo("[\"GENERATOR\",\"MAPPER\"]");
        assertThat(generate(key, secret).status()).isEqualTo(200);

        AdminHttp.Answer list = admin.get("/admin/v1/clients?site_id=" + siteId);
        assertThat(list.json().get("clients")).hasSize(1);
        assertThat(list.text()).doesNotContain(key).doesNotContain(secret).doesNotContain("\"secret\"");
        AdminHttp.Answer one = admin.get("/admin/v1/clients/" + AdminHttp.enc(keyId));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().has("key")).isFalse();

        AdminHttp.Answer disabled = admin.post("/admin/v1/clients/" + AdminHttp.enc(keyId) + "/disable", null);
        assertThat(disabled.json().get("disabled").asBoolean()).isTrue();
        assertThat(generate(key, secret).status()).isEqualTo(401);
        admin.post("/admin/v1/clients/" + AdminHttp.enc(keyId) + "/enable", null);
        assertThat(generate(key, secret).status()).isEqualTo(200);

        AdminHttp.Answer rotated = admin.post("/admin/v1/clients/" + AdminHttp.enc(keyId) + "/rotate-secret", null);
        assertThat(rotated.status()).isEqualTo(200);
        String newSecret = rotated.json().get("secret").asText();
        assertThat(newSecret).isNotEqualTo(secret);
        assertThat(generate(key, newSecret).status()).isEqualTo(200);
        assertThat(generate(key, secret).status()).isNotEqualTo(200);

        String audit = admin.get("/admin/v1/audit?limit=500").text();
        assertThat(audit).contains("client.create", "client.disable", "client.enable", "client.rotate_secret", keyId)
                .doesNotContain(key).doesNotContain(secret).doesNotContain(newSecret);
    }

    @Test
    void keyIdsWithSlashAndPlusWorkInPaths() throws Exception {
        int siteId = newSite("Odd key ids");
        String keyId = null;
        for (int i = 0; i < 200 && keyId == null; i++) {
            AdminHttp.Answer c = admin.post("/admin/v1/clients", "{\"site_id\":" + siteId + ",\"name\":\"c\",\"roles\":[\"MAPPER\"]}");
            String id = c.json().get("key_id").asText();
            if (id.contains("/") || id.contains("+")) keyId = id;
        }
        assertThat(keyId).as("a key id with / or + among 200").isNotNull();
        assertThat(admin.get("/admin/v1/clients/" + AdminHttp.enc(keyId)).json().get("key_id").asText()).isEqualTo(keyId);
        assertThat(admin.post("/admin/v1/clients/" + AdminHttp.enc(keyId) + "/disable", null).json().get("disabled").asBoolean()).isTrue();
    }

    @Test
    void invalidClientInputIs400AndUnknownClientsAre404() throws Exception {
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":100,\"name\":\"x\",\"roles\":[\"ROOT\"]}"), "unknown role 'ROOT'");
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":100,\"name\":\"x\",\"roles\":[]}"), "roles is required");
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":100,\"name\":\"x\"}"), "roles is required");
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":100,\"roles\":[\"MAPPER\"]}"), "name is required");
        expect400(admin.post("/admin/v1/clients", "{\"name\":\"x\",\"roles\":[\"MAPPER\"]}"), "site_id is required");
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":\"100\",\"name\":\"x\",\"roles\":[\"MAPPER\"]}"), "site_id must be a whole number");
        expect400(admin.post("/admin/v1/clients", "{\"site_id\":999999,\"name\":\"x\",\"roles\":[\"MAPPER\"]}"), "site 999999 does not exist");
        expect400(admin.get("/admin/v1/clients?site_id=abc"), "site_id must be a whole number");
        expect404(admin.get("/admin/v1/clients/UID2-C-L-1-nope"), "no client with key id");
        expect404(admin.post("/admin/v1/clients/UID2-C-L-1-nope/disable", null), "no client with key id");
        expect404(admin.post("/admin/v1/clients/UID2-C-L-1-nope/rotate-secret", null), "no client with key id");
    }

    // ------------------------------------------------------------------ keysets

    @Test
    void keysetsAndTheirAllowListsCanBeManaged() throws Exception {
        int siteId = newSite("Keyset site");
        int a = newSite("Allowed A");
        int b = newSite("Allowed B");
        int c = newSite("Allowed C");
        AdminHttp.Answer created = admin.post("/admin/v1/keysets", "{\"site_id\":" + siteId + ",\"allowed_sites\":[" + b + "," + a + "]}");
        assertThat(created.status()).isEqualTo(201);
        int ksId = created.json().get("keyset_id").asInt();
        assertThat(created.json().get("allowed_sites").toString()).isEqualTo("[" + a + "," + b + "]");
        assertThat(created.json().get("default").asBoolean()).isFalse();
        assertThat(created.json().get("keys")).hasSize(1);
        assertThat(created.text()).doesNotContain("secret");

        assertThat(admin.patch("/admin/v1/keysets/" + ksId, "{\"add_allowed_sites\":[" + c + "],\"remove_allowed_sites\":[" + a + "]}")
                .json().get("allowed_sites").toString()).isEqualTo("[" + b + "," + c + "]");
        expect400(admin.patch("/admin/v1/keysets/" + ksId, "{\"add_allowed_sites\":[999103]}"),
                "site 999103 does not exist: only existing sites can be allowed");
        expect400(admin.patch("/admin/v1/keysets/" + ksId, "{\"allowed_sites\":[" + b + ",999104]}"), "site 999104 does not exist");
        expect400(admin.post("/admin/v1/keysets", "{\"site_id\":" + siteId + ",\"allowed_sites\":[999105]}"), "site 999105 does not exist");
        assertThat(admin.patch("/admin/v1/keysets/" + ksId, "{\"allowed_sites\":null}").json().get("allowed_sites").isNull()).isTrue();
        assertThat(admin.patch("/admin/v1/keysets/" + ksId, "{\"allowed_sites\":[]}").json().get("allowed_sites").size()).isZero();
        AdminHttp.Answer def = admin.patch("/admin/v1/keysets/" + ksId, "{\"default\":true}");
        assertThat(def.json().get("default").asBoolean()).isTrue();
        JsonNode siteKeysets = admin.get("/admin/v1/keysets?site_id=" + siteId).json().get("keysets");
        assertThat(siteKeysets).hasSize(2);
        int defaults = 0;
        for (JsonNode k : siteKeysets) if (k.get("default").asBoolean()) defaults++;
        assertThat(defaults).isEqualTo(1);
        assertThat(admin.patch("/admin/v1/keysets/" + ksId, "{\"enabled\":false}").json().get("enabled").asBoolean()).isFalse();
        assertThat(admin.get("/admin/v1/keysets/" + ksId).json().get("enabled").asBoolean()).isFalse();
        assertThat(auditOperations()).contains("keyset.create", "keyset.update");

        AdminHttp.Answer noAcl = admin.post("/admin/v1/keysets", "{\"site_id\":" + siteId + ",\"allowed_sites\":null,\"name\":\"open\"}");
        assertThat(noAcl.json().get("allowed_sites").isNull()).isTrue();
        assertThat(noAcl.json().get("name").asText()).isEqualTo("open");
    }

    @Test
    void invalidKeysetInputIs400AndUnknownKeysetsAre404() throws Exception {
        expect400(admin.post("/admin/v1/keysets", "{}"), "site_id is required");
        expect400(admin.post("/admin/v1/keysets", "{\"site_id\":999999}"), "site 999999 does not exist");
        expect400(admin.post("/admin/v1/keysets", "{\"site_id\":100,\"allowed_sites\":[\"a\"]}"), "allowed_sites must be an array of whole numbers");
        expect400(admin.patch("/admin/v1/keysets/-1", "{\"enabled\":false}"), "managed by the operator");
        expect400(admin.patch("/admin/v1/keysets/-2", "{\"allowed_sites\":[1]}"), "managed by the operator");
        expect400(admin.patch("/admin/v1/keysets/-1", "{}"), "nothing to change");
        expect404(admin.patch("/admin/v1/keysets/999999", "{\"enabled\":false}"), "keyset 999999 does not exist");
        expect404(admin.get("/admin/v1/keysets/999999"), "keyset 999999 does not exist");
    }

    // ------------------------------------------------------------------ CSTG keypairs

    @Test
    void keypairsCanBeCreatedListedDisabledAndEnabled() throws Exception {
        int siteId = newSite("CSTG site");
        AdminHttp.Answer created = admin.post("/admin/v1/keypairs", "{\"site_id\":" + siteId + ",\"name\":\"Web\",\"contact\":\"ops@news.example\"}");
        assertThat(created.status()).isEqualTo(201);
        String sub = created.json().get("subscription_id").asText();
        assertThat(created.json().get("public_key").asText()).startsWith("UID2-X-");
        assertThat(created.text()).doesNotContain("private").doesNotContain("UID2-Y-");
        assertThat(admin.get("/admin/v1/keypairs?site_id=" + siteId).json().get("keypairs")).hasSize(1);
        assertThat(admin.post("/admin/v1/keypairs/" + sub + "/disable", null).json().get("disabled").asBoolean()).isTrue();
        assertThat(admin.post("/admin/v1/keypairs/" + sub + "/enable", null).json().get("disabled").asBoolean()).isFalse();
        assertThat(auditOperations()).contains("keypair.create", "keypair.disable", "keypair.enable");

        expect400(admin.post("/admin/v1/keypairs", "{\"site_id\":999999}"), "site 999999 does not exist");
        expect400(admin.post("/admin/v1/keypairs", "{\"name\":\"x\"}"), "site_id is required");
        expect404(admin.post("/admin/v1/keypairs/nope/disable", null), "no client-side keypair");
    }

    // ------------------------------------------------------------------ rotation

    @Test
    void keyRotationRunsNowAndKeysAreListedWithoutSecrets() throws Exception {
        AdminHttp.Answer run = admin.post("/admin/v1/keys/rotate", "{}");
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.json().get("created").isArray()).isTrue();
        assertThat(run.json().get("deleted").isArray()).isTrue();
        AdminHttp.Answer keys = admin.get("/admin/v1/keys");
        assertThat(keys.json().get("keys").size()).isGreaterThanOrEqualTo(4);
        assertThat(keys.text()).doesNotContain("secret");
        assertThat(auditOperations()).contains("keys.rotate");
        expect400(admin.post("/admin/v1/keys/rotate", "{\"force\":true}"), "unknown field 'force'");
    }

    @Test
    void saltRotationRunsNowWithAFraction() throws Exception {
        long[] now = {System.currentTimeMillis()};
        try (TestOperator later = TestOperator.bootstrapped(Map.of(), () -> now[0])) {
            AdminHttp a = AdminHttp.of(later);
            AdminHttp.Answer fresh = a.post("/admin/v1/salts/rotate", "{\"fraction\":0.5}");
            assertThat(fresh.status()).isEqualTo(200);
            assertThat(fresh.json().get("buckets").asInt()).isEqualTo(4096);
            assertThat(fresh.json().get("rotated").asInt()).isZero();
            assertThat(fresh.json().get("eligible").asInt()).isZero();
            assertThat(fresh.json().get("min_age_days").asInt()).isEqualTo(30);
            assertThat(fresh.json().get("note").asText()).startsWith("no bucket is old enough to rotate: buckets rotate only once their salt is at least 30 days old (salt_rotation_min_age_days), and the oldest salt is 0 days old")
                    .endsWith("; to rotate younger buckets now, set min_age_days (--min-age-days on the command line)")
                    .contains("the first buckets become eligible at " + java.time.Instant.ofEpochMilli(now[0] + 30L * 86_400_000L).toString().substring(0, 13));
            now[0] += 31L * 86_400_000L;
            AdminHttp.Answer run = a.post("/admin/v1/salts/rotate", "{\"fraction\":0.25}");
            assertThat(run.json().get("rotated").asInt()).isEqualTo(1024);
            assertThat(run.json().has("note")).as("nothing held back").isFalse();
            AdminHttp.Answer rest = a.post("/admin/v1/salts/rotate", "{\"fraction\":1}");
            assertThat(rest.json().get("rotated").asInt()).isEqualTo(3072);
            assertThat(rest.json().get("note").asText()).startsWith("only 3072 of the 4096 buckets are old enough to rotate");
            AdminHttp.Answer young = a.post("/admin/v1/salts/rotate", "{\"fraction\":0.5,\"min_age_days\":0}");
            assertThat(young.json().get("min_age_days").asInt()).isZero();
            assertThat(young.json().get("eligible").asInt()).isEqualTo(4096);
            assertThat(young.json().get("rotated").asInt()).isEqualTo(2048);
            assertThat(a.get("/admin/v1/salts").json().get("newest_rotation_age_seconds").asLong()).isZero();
            assertThat(a.get("/admin/v1/audit").text()).contains("salts.rotate");
            expect400(a.post("/admin/v1/salts/rotate", "{\"fraction\":1.5}"), "fraction must be between 0 and 1");
            expect400(a.post("/admin/v1/salts/rotate", "{\"fraction\":\"half\"}"), "fraction must be a number");
            expect400(a.post("/admin/v1/salts/rotate", "{\"min_age_days\":-1}"), "min_age_days must not be negative, got -1");
            expect400(a.post("/admin/v1/salts/rotate", "{\"min_age_days\":1.5}"), "min_age_days must be a whole number");
        }
    }

    // ------------------------------------------------------------------ opt-outs

    @Test
    void anOptOutByEmailIsHonouredAtOnce() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        assertThat(op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"leaving-admin@example.com\"}")
                .json().get("status").asText()).isEqualTo("success");
        AdminHttp.Answer r = admin.post("/admin/v1/optouts", "{\"email\":\"Leaving-Admin@example.com\"}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("advertising_id").asText()).hasSize(44);
        assertThat(op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"leaving-admin@example.com\"}")
                .json().get("status").asText()).isEqualTo("optout");
        assertThat(admin.get("/admin/v1/optouts").json().get("count").asInt()).isPositive();
        String audit = admin.get("/admin/v1/audit?limit=500").text();
        assertThat(audit).contains("optout.add").doesNotContainIgnoringCase("leaving-admin");

        String rawUid = Base64.getEncoder().encodeToString(new byte[33]);
        assertThat(admin.post("/admin/v1/optouts", "{\"raw_uid\":\"" + rawUid + "\"}").status()).isEqualTo(200);
    }

    @Test
    void invalidOptOutInputIs400() throws Exception {
        expect400(admin.post("/admin/v1/optouts", "{}"), "send exactly one of email, email_hash, phone, phone_hash, raw_uid");
        expect400(admin.post("/admin/v1/optouts", "{\"email\":\"a@example.com\",\"phone\":\"+12345678901\"}"), "send exactly one of");
        expect400(admin.post("/admin/v1/optouts", "{\"email\":\"not-an-email\"}"), "invalid email");
        expect400(admin.post("/admin/v1/optouts", "{\"phone\":\"12345\"}"), "invalid phone");
        expect400(admin.post("/admin/v1/optouts", "{\"email_hash\":\"abc\"}"), "invalid email_hash");
        expect400(admin.post("/admin/v1/optouts", "{\"raw_uid\":\"abc\"}"), "invalid raw_uid");
        expect400(admin.post("/admin/v1/optouts", "{\"email\":5}"), "email must be a string");
        expect400(admin.post("/admin/v1/optouts", "{\"mail\":\"a@example.com\"}"), "unknown field 'mail'");
    }

    // ------------------------------------------------------------------ audit log

    @Test
    void everyChangeIsInTheAuditLogWithWhoWhenAndWhat() throws Exception {
        long before = System.currentTimeMillis();
        String token = AdminHttp.adminToken(op);
        int siteId = newSite("Audited site");
        admin.patch("/admin/v1/sites/" + siteId, "{\"enabled\":false}");
        JsonNode page = admin.get("/admin/v1/audit?limit=2").json();
        JsonNode entries = page.get("entries");
        assertThat(entries).hasSize(2);
        JsonNode newest = entries.get(0);
        assertThat(newest.get("operation").asText()).isEqualTo("site.update");
        assertThat(newest.get("target_type").asText()).isEqualTo("site");
        assertThat(newest.get("target_id").asText()).isEqualTo(Integer.toString(siteId));
        assertThat(newest.get("actor_id").asText()).isEqualTo(token.substring(0, 15));
        assertThat(newest.get("at_ms").asLong()).isGreaterThanOrEqualTo(before);
        assertThat(newest.get("details").get("enabled").asBoolean()).isFalse();
        assertThat(entries.get(1).get("operation").asText()).isEqualTo("site.create");
        assertThat(entries.get(1).get("sequence").asLong()).isLessThan(newest.get("sequence").asLong());

        long next = page.get("next_before").asLong();
        JsonNode older = admin.get("/admin/v1/audit?limit=2&before=" + next).json().get("entries");
        assertThat(older.get(0).get("sequence").asLong()).isLessThan(next);
        assertThat(admin.get("/admin/v1/audit?limit=500").text()).doesNotContain(token);

        expect400(admin.get("/admin/v1/audit?limit=0"), "limit must be between 1 and 500");
        expect400(admin.get("/admin/v1/audit?limit=many"), "limit must be a whole number");
        expect400(admin.get("/admin/v1/audit?before=-3"), "before must be between");
    }

    // ------------------------------------------------------------------ token inspector

    @Test
    void inspectorDecodesAdvertisingAndWrappedRefreshTokens() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        JsonNode body = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"inspect@example.com\"}").json().get("body");
        String adv = body.get("advertising_token").asText();
        String refresh = body.get("refresh_token").asText();

        AdminHttp.Answer a = admin.post("/admin/v1/inspect", "{\"token\":\"" + adv + "\"}");
        assertThat(a.status()).isEqualTo(200);
        JsonNode t = a.json();
        assertThat(t.get("kind").asText()).isEqualTo("advertising");
        assertThat(t.get("version").asInt()).isEqualTo(4);
        assertThat(t.get("scope").asText()).isEqualTo("UID2");
        assertThat(t.get("identity_type").asText()).isEqualTo("EMAIL");
        assertThat(t.get("site_id").asInt()).isEqualTo(gen.siteId());
        assertThat(t.get("site_name").asText()).isEqualTo("Demo publisher");
        assertThat(t.get("master_key_keyset_id").asInt()).isEqualTo(-1);
        assertThat(t.get("site_key_id").asInt()).isPositive();
        assertThat(t.get("expires_ms").asLong()).isGreaterThan(t.get("created_ms").asLong());
        assertThat(t.get("established_ms").asLong()).isPositive();
        assertThat(t.get("expired").asBoolean()).isFalse();
        assertThat(t.get("privacy_bits").get("legacy").asBoolean()).isTrue();
        assertThat(t.get("client_side_generated").asBoolean()).isFalse();
        assertThat(t.get("opted_out").asBoolean()).isFalse();
        assertThat(t.has("raw_uid")).isFalse();

        JsonNode revealed = admin.post("/admin/v1/inspect", "{\"token\":\"" + adv + "\",\"reveal\":true}").json();
        String rawUid = revealed.get("raw_uid").asText();
        JsonNode mapped = op.api.v2("/v2/identity/map", op.demo(Role.MAPPER).key(), op.demo(Role.MAPPER).secret(),
                "{\"email\":[\"inspect@example.com\"]}").json();
        assertThat(mapped.toString()).contains(rawUid);
        assertThat(auditOperations()).contains("token.reveal");
        assertThat(admin.get("/admin/v1/audit?limit=500").text()).doesNotContain(rawUid).doesNotContain(adv);

        JsonNode r = admin.post("/admin/v1/inspect", "{\"token\":\"" + refresh + "\",\"reveal\":true}").json();
        assertThat(r.get("kind").asText()).isEqualTo("refresh");
        assertThat(r.get("wrapped").asBoolean()).isTrue();
        assertThat(r.get("version").asInt()).isEqualTo(3);
        assertThat(r.get("refresh_key_keyset_id").asInt()).isEqualTo(-2);
        assertThat(r.get("wrapper_key_keyset_id").asInt()).isEqualTo(-2);
        assertThat(r.get("site_id").asInt()).isEqualTo(gen.siteId());
        assertThat(r.get("established_ms").asLong()).isEqualTo(t.get("established_ms").asLong());
        assertThat(r.get("first_level_hash").asText()).hasSize(44);
        assertThat(r.toString()).doesNotContain("refresh_response_key").doesNotContain(body.get("refresh_response_key").asText());
        assertThat(admin.post("/admin/v1/inspect", "{\"token\":\"" + refresh + "\",\"type\":\"advertising\"}").status()).isEqualTo(400);
    }

    @Test
    void inspectorDecodesABareRefreshToken() throws Exception {
        Snapshot s = op.node.state().snapshot();
        long now = System.currentTimeMillis();
        byte[] flh = new byte[32];
        flh[0] = 7;
        String bare = RefreshTokenCodec.encodeV3(new RefreshToken(3, IdentityScope.UID2, IdentityType.PHONE, now + 60_000, now,
                100, 3, now - 1000, flh), s.refreshKey(now / 1000), IvSource.secure());
        JsonNode r = admin.post("/admin/v1/inspect", "{\"token\":\"" + bare + "\",\"type\":\"refresh\",\"reveal\":true}").json();
        assertThat(r.get("kind").asText()).isEqualTo("refresh");
        assertThat(r.get("wrapped").asBoolean()).isFalse();
        assertThat(r.get("identity_type").asText()).isEqualTo("PHONE");
        assertThat(r.get("client_side_generated").asBoolean()).isTrue();
        assertThat(r.get("first_level_hash").asText()).isEqualTo(Base64.getEncoder().encodeToString(flh));
        assertThat(admin.post("/admin/v1/inspect", "{\"token\":\"" + bare + "\"}").json().get("kind").asText()).isEqualTo("refresh");
    }

    @Test
    void inspectorRejectsWhatItCannotDecodeWith400() throws Exception {
        expect400(admin.post("/admin/v1/inspect", "{}"), "token is required");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"AAAA\"}"), "not a token that this operator's keys decode");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"" + "A".repeat(388) + "\"}"), "cannot decode");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"%%%%%%\"}"), "not a token");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"" + "A".repeat(5000) + "\"}"), "too long");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"x\",\"type\":\"sharing\"}"), "type must be auto, advertising or refresh");
        expect400(admin.post("/admin/v1/inspect", "{\"token\":\"x\",\"reveal\":\"yes\"}"), "reveal must be true or false");
    }

    // ------------------------------------------------------------------ dashboard

    @Test
    void dashboardShowsTrafficKeysSaltsAndOptOuts() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"dash@example.com\"}");
        JsonNode d = admin.get("/admin/v1/dashboard").json();
        assertThat(d.get("requests").get("total").asLong()).isPositive();
        assertThat(d.get("requests").get("by_route").toString()).contains("/v2/token/generate");
        assertThat(d.get("tokens").get("generated").asLong()).isPositive();
        assertThat(d.get("keys").get("master").get("age_seconds").asLong()).isGreaterThanOrEqualTo(3599);
        assertThat(d.get("keys").get("refresh").get("expires_in_seconds").asLong()).isPositive();
        assertThat(d.get("salts").get("buckets").asInt()).isEqualTo(4096);
        assertThat(d.get("optouts").has("count")).isTrue();
        assertThat(d.get("counts").get("sites").asInt()).isPositive();
        assertThat(d.get("node").get("health").asText()).isEqualTo("OK");
    }

    // ------------------------------------------------------------------ listener, console and limits

    @Test
    void consoleIsServedFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
        AdminHttp anonymous = admin.withToken(null);
        AdminHttp.Answer root = anonymous.get("/");
        assertThat(root.status()).isEqualTo(302);
        AdminHttp.Answer index = anonymous.get("/console/");
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.text()).contains("OpenUID admin").contains("app.js");
        assertThat(index.raw().headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(index.raw().headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(anonymous.get("/console/app.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/app.css").status()).isEqualTo(200);
        assertThat(anonymous.get("/console/missing.js").status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/sites").raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void oversizedBodiesAre413() throws Exception {
        AdminHttp.Answer r = admin.post("/admin/v1/sites", "{\"name\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void theAdminListenerBindsToLoopbackByDefaultAndCanBeTurnedOff() throws Exception {
        assertThat(org.openuid.server.config.OperatorConfig.defaults().admin().bindHost()).isEqualTo("127.0.0.1");
        assertThat(org.openuid.server.config.OperatorConfig.defaults().admin().port()).isEqualTo(8081);
        try (TestOperator off = TestOperator.bootstrapped(Map.of("admin_port", "-1"), System::currentTimeMillis)) {
            assertThat(off.node.adminPort()).isEqualTo(-1);
            assertThat(off.startupOutput).contains("Admin token");
        }
    }

    // ------------------------------------------------------------------ sandbox

    @Test
    void sandboxIsOnlyInDemoMode() throws Exception {
        expect404(admin.get("/admin/v1/sandbox"), "demo mode only");
        expect404(admin.post("/admin/v1/sandbox/generate", "{\"email\":\"validate@example.com\"}"), "demo mode only");
    }

    @Test
    void sandboxGeneratesRefreshesAndGeneratesClientSideInDemoMode() throws Exception {
        try (TestOperator demo = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis)) {
            AdminHttp a = AdminHttp.of(demo);
            JsonNode info = a.get("/admin/v1/sandbox").json();
            assertThat(info.get("test_identities").size()).isEqualTo(6);
            assertThat(info.toString()).doesNotContain(demo.demo(Role.GENERATOR).key());

            JsonNode gen = a.post("/admin/v1/sandbox/generate", "{\"email\":\"validate@example.com\"}").json();
            assertThat(gen.get("request").get("plaintext").get("email").asText()).isEqualTo("validate@example.com");
            assertThat(gen.get("request").get("authorization").asText()).doesNotContain(demo.demo(Role.GENERATOR).key());
            assertThat(gen.get("response").get("status").asInt()).isEqualTo(200);
            JsonNode tokens = gen.get("response").get("decrypted").get("body");
            assertThat(tokens.get("advertising_token").asText()).isNotEmpty();

            JsonNode refreshed = a.post("/admin/v1/sandbox/refresh", "{\"refresh_token\":\"" + tokens.get("refresh_token").asText()
                    + "\",\"refresh_response_key\":\"" + tokens.get("refresh_response_key").asText() + "\"}").json();
            assertThat(refreshed.get("response").get("status").asInt()).isEqualTo(200);
            assertThat(refreshed.get("response").get("decrypted").get("status").asText()).isEqualTo("success");

            JsonNode optout = a.post("/admin/v1/sandbox/generate", "{\"email\":\"optout@example.com\"}").json();
            assertThat(optout.get("response").get("decrypted").get("status").asText()).isEqualTo("optout");

            JsonNode cstg = a.post("/admin/v1/sandbox/client-generate", "{\"email\":\"validate@example.com\"}").json();
            assertThat(cstg.get("response").get("status").asInt()).isEqualTo(200);
            String cstgToken = cstg.get("response").get("decrypted").get("body").get("advertising_token").asText();
            JsonNode inspected = a.post("/admin/v1/inspect", "{\"token\":\"" + cstgToken + "\"}").json();
            assertThat(inspected.get("client_side_generated").asBoolean()).isTrue();
            assertThat(inspected.get("privacy_bits").get("value").asInt()).isEqualTo(3);

            JsonNode wrongOrigin = a.post("/admin/v1/sandbox/client-generate", "{\"email\":\"validate@example.com\",\"origin\":\"https://evil.example\"}").json();
            assertThat(wrongOrigin.get("response").get("status").asInt()).isEqualTo(403);

            expect400(a.post("/admin/v1/sandbox/generate", "{}"), "send exactly one of");
            expect400(a.post("/admin/v1/sandbox/refresh", "{\"refresh_token\":\"x\",\"refresh_response_key\":\"!!\"}"), "refresh_response_key must be Base64");
            expect400(a.post("/admin/v1/sandbox/client-generate", "{\"email\":\"nope\"}"), "invalid email");
        }
    }

    // ------------------------------------------------------------------ helpers

    static int newSite(String name) throws Exception {
        AdminHttp.Answer a = admin.post("/admin/v1/sites", "{\"name\":\"" + name + "\"}");
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().get("site_id").asInt();
    }

    static ApiClient.Reply generate(String key, String secret) throws Exception {
        return op.api.v2("/v2/token/generate", key, secret, "{\"email\":\"admin-test@example.com\"}");
    }

    static List<String> auditOperations() throws Exception {
        List<String> ops = new ArrayList<>();
        for (JsonNode e : admin.get("/admin/v1/audit?limit=500").json().get("entries")) ops.add(e.get("operation").asText());
        return ops;
    }

    static void expect400(AdminHttp.Answer a, String messagePart) {
        assertThat(a.status()).as(a.text()).isEqualTo(400);
        assertThat(a.json().get("status").asText()).isEqualTo("client_error");
        assertThat(a.message()).contains(messagePart);
    }

    static void expect404(AdminHttp.Answer a, String messagePart) {
        assertThat(a.status()).as(a.text()).isEqualTo(404);
        assertThat(a.message()).contains(messagePart);
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
