package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code openuid admin keys rotate --now} ({@code POST /admin/v1/keys/rotate {"now":true}}) on a fresh store, whose
 * keys are not due: every keyset (or the listed ones) gets a key activating key_activation_lead_minutes (here one
 * minute) later; the operator's clock is then moved 90 s on (inside the request envelope's window, so the SDK's
 * requests stay fresh). Tokens from before and after decrypt with the SDK; the old keys stay.
 */
class ForcedKeyRotationTest {
    static final AtomicLong OFFSET = new AtomicLong();
    static TestOperator op;
    static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of("key_activation_lead_minutes", "1"), () -> System.currentTimeMillis() + OFFSET.get());
        admin = AdminHttp.of(op);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    static Instant opNow() {
        return Instant.ofEpochMilli(op.node.operator().now());
    }

    @Test
    void rotateNowGivesEveryKeysetANewKeyAndOldTokensStillDecrypt() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity();
        int oldMaster = KeyRotationSdkTest.masterKeyId(before.getAdvertisingToken());
        List<Integer> oldKeys = keyIds(admin.get("/admin/v1/keys").json().get("keys"));

        CliRun dry = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--now", "--dry-run"));
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.json().get("would_create")).hasSize(4);
        assertThat(CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--dry-run")).json().get("would_create")).isEmpty();

        long nowSec = op.node.operator().now() / 1000;
        CliRun run = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--now"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode created = run.json().get("created");
        int demoKeyset = admin.get("/admin/v1/keysets?site_id=" + op.demoSiteId()).json().get("keysets").get(0).get("keyset_id").asInt();
        assertThat(created).extracting(k -> k.get("keyset_id").asInt())
                .containsExactlyInAnyOrder(Keyset.REFRESH_KEYSET_ID, Keyset.MASTER_KEYSET_ID, Keyset.FALLBACK_PUBLISHER_KEYSET_ID, demoKeyset);
        for (JsonNode k : created) {
            assertThat(k.get("activates").asLong()).isBetween(nowSec + 60, nowSec + 61);
            assertThat(k.get("state").asText()).isEqualTo("pending");
        }
        assertThat(run.json().get("deleted")).isEmpty();
        int newMaster = -1;
        for (JsonNode k : created) if (k.get("keyset_id").asInt() == Keyset.MASTER_KEYSET_ID) newMaster = k.get("key_id").asInt();

        // until the new keys activate the old ones encrypt; a DSP refreshing now already holds the new ones
        BidstreamClient dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        String during = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        assertThat(KeyRotationSdkTest.masterKeyId(during)).isEqualTo(oldMaster);

        OFFSET.addAndGet(90_000);
        String after = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        assertThat(KeyRotationSdkTest.masterKeyId(after)).isEqualTo(newMaster);
        for (String token : new String[]{before.getAdvertisingToken(), during, after})
            assertThat(dsp.decryptTokenIntoRawUid(token, null, opNow()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(publisher.refreshToken(before).isSuccess()).isTrue();

        // the old keys stay until every token they encrypted has expired
        assertThat(keyIds(admin.get("/admin/v1/keys").json().get("keys"))).containsAll(oldKeys);
        AdminHttp.Answer audit = admin.get("/admin/v1/audit?limit=1");
        assertThat(audit.json().get("entries").get(0).get("operation").asText()).isEqualTo("keys.rotate");
    }

    @Test
    void rotateNowCanBeLimitedToNamedKeysets() throws Exception {
        AdminHttp.Answer one = admin.post("/admin/v1/keys/rotate", "{\"now\":true,\"dry_run\":true,\"keyset_ids\":[2]}");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("would_create")).extracting(k -> k.get("keyset_id").asInt()).containsExactly(2);
        CliRun cli = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--now", "--keyset", "-1", "--dry-run"));
        assertThat(cli.json().get("would_create")).extracting(k -> k.get("keyset_id").asInt()).containsExactly(-1);
    }

    @Test
    void badForcedRotationInputIs400() throws Exception {
        AdminApiTest.expect400(admin.post("/admin/v1/keys/rotate", "{\"now\":true,\"keyset_ids\":[999999]}"), "keyset 999999 does not exist");
        AdminApiTest.expect400(admin.post("/admin/v1/keys/rotate", "{\"keyset_ids\":[2]}"), "keyset_ids is only used with \"now\": true");
        AdminApiTest.expect400(admin.post("/admin/v1/keys/rotate", "{\"now\":\"yes\"}"), "now must be true or false");
        JsonNode site = admin.post("/admin/v1/sites", "{\"name\":\"Disabled keyset site\"}").json();
        int ks = site.get("default_keyset_id").asInt();
        assertThat(admin.patch("/admin/v1/keysets/" + ks, "{\"enabled\":false}").status()).isEqualTo(200);
        AdminApiTest.expect400(admin.post("/admin/v1/keys/rotate", "{\"now\":true,\"keyset_ids\":[" + ks + "]}"),
                "keyset " + ks + " is disabled");
        CliRun keysetWithoutNow = CliRun.run(AdminHttp.cli(op, "keys", "rotate", "--keyset", "2"));
        assertThat(keysetWithoutNow.exitCode()).isEqualTo(1);
        assertThat(keysetWithoutNow.err()).contains("--keyset is only used with --now");
    }

    static List<Integer> keyIds(JsonNode keys) {
        List<Integer> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.get("key_id").asInt()));
        return out;
    }
}
