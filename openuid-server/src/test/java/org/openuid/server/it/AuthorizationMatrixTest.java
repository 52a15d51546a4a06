package org.openuid.server.it;

import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every authenticated endpoint × every role, no key, an unknown key and a disabled key gets exactly the spec's
 * answer (endpoints.md §2): 200 when the key holds one of the endpoint's roles, otherwise 401
 * {"status":"unauthorized"}; plus the site rules of validate and key/latest.
 */
class AuthorizationMatrixTest {
    static TestOperator op;
    static final Map<String, Set<Role>> ROLES = new LinkedHashMap<>();
    static final Map<String, String> BODIES = new LinkedHashMap<>();
    static String token;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        TestOperator.Credentials all = op.demo(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT);
        token = new PublisherUid2Client(op.baseUrl, all.key(), all.secret())
                .generateTokenResponse(TokenGenerateInput.fromEmail("matrix@example.com")).getIdentity().getAdvertisingToken();
        ROLES.put("/v2/token/generate", EnumSet.of(Role.GENERATOR));
        BODIES.put("/v2/token/generate", "{\"email\":\"matrix@example.com\"}");
        ROLES.put("/v2/token/validate", EnumSet.of(Role.GENERATOR));
        BODIES.put("/v2/token/validate", "{\"token\":\"" + token + "\",\"email\":\"matrix@example.com\"}");
        ROLES.put("/v2/identity/map", EnumSet.of(Role.MAPPER));
        BODIES.put("/v2/identity/map", "{\"email\":[\"matrix@example.com\"]}");
        ROLES.put("/v3/identity/map", EnumSet.of(Role.MAPPER));
        BODIES.put("/v3/identity/map", "{\"email\":[\"matrix@example.com\"]}");
        ROLES.put("/v2/identity/buckets", EnumSet.of(Role.MAPPER));
        BODIES.put("/v2/identity/buckets", "{\"since_timestamp\":\"2020-01-01T00:00:00\"}");
        ROLES.put("/v2/key/sharing", EnumSet.of(Role.SHARER, Role.ID_READER));
        BODIES.put("/v2/key/sharing", null);
        ROLES.put("/v2/key/bidstream", EnumSet.of(Role.ID_READER));
        BODIES.put("/v2/key/bidstream", null);
        ROLES.put("/v2/key/latest", EnumSet.of(Role.ID_READER));
        BODIES.put("/v2/key/latest", null);
        ROLES.put("/v2/optout/status", EnumSet.of(Role.MAPPER, Role.SHARER, Role.ID_READER));
        BODIES.put("/v2/optout/status", "{\"advertising_ids\":[]}");
        ROLES.put("/v2/token/logout", EnumSet.of(Role.OPTOUT));
        BODIES.put("/v2/token/logout", "{\"email\":\"matrix.leaver@example.com\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    @Test
    void everyEndpointTimesEveryRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<Role>> e : ROLES.entrySet()) {
            String path = e.getKey();
            for (Role role : EnumSet.of(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT)) {
                TestOperator.Credentials c = op.demo(role);
                ApiClient.Reply r = op.api.v2(path, c.key(), c.secret(), BODIES.get(path));
                int expected = e.getValue().contains(role) ? 200 : 401;
                if (r.status() != expected) wrong.add(path + " as " + role + ": " + r.status() + " " + r.text());
                if (expected == 401 && !r.text().equals("{\"status\":\"unauthorized\"}")) wrong.add(path + " as " + role + " body " + r.text());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void noKeyUnknownKeyAndDisabledKeyAre401Everywhere() throws Exception {
        TestOperator.Credentials disabled = op.createClient(op.demoSiteId(), true,
                Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT);
        TestOperator.Credentials all = op.demo(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT);
        List<String> wrong = new ArrayList<>();
        for (String path : ROLES.keySet()) {
            ApiClient.Reply none = op.api.raw(path, null, "text/plain", "AAAA".getBytes());
            ApiClient.Reply unknown = op.api.v2(path, all.key() + "x", all.secret(), BODIES.get(path));
            ApiClient.Reply off = op.api.v2(path, disabled.key(), disabled.secret(), BODIES.get(path));
            ApiClient.Reply lower = op.api.raw(path, "bearer-less", "text/plain", "AAAA".getBytes());
            for (ApiClient.Reply r : List.of(none, unknown, off, lower)) {
                if (r.status() != 401 || !r.text().equals("{\"status\":\"unauthorized\"}")) wrong.add(path + ": " + r.status() + " " + r.text());
            }
            ApiClient.Reply ok = op.api.v2(path, all.key(), all.secret(), BODIES.get(path));
            if (ok.status() != 200) wrong.add(path + " with every role: " + ok.status() + " " + ok.text());
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void bearerSchemeIsCaseInsensitive() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        var r = op.api.send("POST", "/v2/token/generate", "text/plain", "AAAA".getBytes(), "Authorization", "BEARER " + gen.key());
        assertThat(r.statusCode()).isEqualTo(400); // authenticated, then the envelope is rejected
    }

    @Test
    void wrongSiteRules() throws Exception {
        // a generator of another site may not validate this site's token
        int otherSite = op.node.store().nextSiteId();
        op.node.store().upsertSite(new org.openuid.core.model.Site(otherSite, "other", true, List.of(), List.of(), 0));
        TestOperator.Credentials other = op.createClient(otherSite, false, Role.GENERATOR);
        ApiClient.Reply r = op.api.v2("/v2/token/validate", other.key(), other.secret(), BODIES.get("/v2/token/validate"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.plainJson().get("message").asText()).isEqualTo("Unauthorised to validate token");
        // key/latest refuses clients of reserved sites
        TestOperator.Credentials reserved = op.createClient(2, false, Role.ID_READER);
        ApiClient.Reply latest = op.api.v2("/v2/key/latest", reserved.key(), reserved.secret(), null);
        assertThat(latest.status()).isEqualTo(401);
        assertThat(latest.plainJson().get("status").asText()).isEqualTo("invalid_client");
        assertThat(latest.plainJson().get("message").asText()).isEqualTo("Unexpected client site id 2");
    }
}
