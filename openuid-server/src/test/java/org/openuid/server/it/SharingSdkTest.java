package org.openuid.server.it;

import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.EncryptionDataResponse;
import com.uid2.client.EncryptionStatus;
import com.uid2.client.SharingClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.Role;
import org.openuid.core.model.Site;
import org.openuid.server.manage.KeysetService;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sharing between participants through the official SDK's {@link SharingClient}: a site encrypts a raw UID into
 * a token with its default keyset; a site in that keyset's {@code allowed_sites} decrypts it, any other site gets
 * {@code NOT_AUTHORIZED_FOR_KEY}; changing the allow-list takes effect at the next key refresh.
 */
class SharingSdkTest {
    static final String RAW_UID = "oCALIk9Go8jllKhaHfSacXMIAz+c8DzvcFs4HM+OVjCa";
    static TestOperator op;
    static KeysetService keysets;
    static int siteA;
    static int siteB;
    static int siteC;
    static Keyset keysetA;
    static TestOperator.Credentials sharerA;
    static TestOperator.Credentials sharerB;
    static TestOperator.Credentials sharerC;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        keysets = new KeysetService(op.node.store(), op.node.operator().config().keyRotation().keyLifetimeSeconds());
        siteA = site("Sharer A");
        siteB = site("Sharer B");
        siteC = site("Sharer C");
        keysetA = keysets.create(siteA, "A default", List.of(siteB), true, System.currentTimeMillis() / 1000).keyset();
        keysets.create(siteB, "B default", List.of(), true, System.currentTimeMillis() / 1000);
        keysets.create(siteC, "C default", List.of(), true, System.currentTimeMillis() / 1000);
        sharerA = op.createClient(siteA, false, Role.SHARER);
        sharerB = op.createClient(siteB, false, Role.SHARER);
        sharerC = op.createClient(siteC, false, Role.SHARER);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static int site(String name) {
        int id = op.node.store().nextSiteId();
        op.node.store().upsertSite(new Site(id, name, true, List.of(), List.of(), 0));
        return id;
    }

    private static SharingClient client(TestOperator.Credentials c) {
        SharingClient s = new SharingClient(op.baseUrl, c.key(), c.secret());
        assertThat(s.refresh().isSuccess()).isTrue();
        return s;
    }

    @Test
    void allowedSiteDecryptsOthersAreNotAuthorized() {
        EncryptionDataResponse e = client(sharerA).encryptRawUidIntoToken(RAW_UID);
        assertThat(e.getStatus()).isEqualTo(EncryptionStatus.SUCCESS);
        String token = e.getEncryptedData();

        DecryptionResponse b = client(sharerB).decryptTokenIntoRawUid(token);
        assertThat(b.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(b.getUid()).isEqualTo(RAW_UID);
        assertThat(b.getSiteId()).isEqualTo(siteA);
        assertThat(b.getIsClientSideGenerated()).isFalse();

        assertThat(client(sharerC).decryptTokenIntoRawUid(token).getStatus()).isEqualTo(DecryptionStatus.NOT_AUTHORIZED_FOR_KEY);
        // the sender reads its own tokens
        assertThat(client(sharerA).decryptTokenIntoRawUid(token).getUid()).isEqualTo(RAW_UID);
        // B shares nothing with A: A cannot read B's tokens
        String fromB = client(sharerB).encryptRawUidIntoToken(RAW_UID).getEncryptedData();
        assertThat(client(sharerA).decryptTokenIntoRawUid(fromB).getStatus()).isEqualTo(DecryptionStatus.NOT_AUTHORIZED_FOR_KEY);
    }

    @Test
    void allowListChangesApplyAtTheNextKeyRefresh() {
        int extra = site("Sharer D");
        keysets.create(extra, "D default", List.of(), true, System.currentTimeMillis() / 1000);
        TestOperator.Credentials sharerD = op.createClient(extra, false, Role.SHARER);
        String token = client(sharerA).encryptRawUidIntoToken(RAW_UID).getEncryptedData();
        assertThat(client(sharerD).decryptTokenIntoRawUid(token).getStatus()).isEqualTo(DecryptionStatus.NOT_AUTHORIZED_FOR_KEY);

        keysets.update(keysetA.keysetId(), new KeysetService.Update(null, false, List.of(extra), null, null, null));
        op.node.state().poll();
        assertThat(client(sharerD).decryptTokenIntoRawUid(token).getUid()).isEqualTo(RAW_UID);

        keysets.update(keysetA.keysetId(), new KeysetService.Update(null, false, null, List.of(extra), null, null));
        op.node.state().poll();
        assertThat(client(sharerD).decryptTokenIntoRawUid(token).getStatus()).isEqualTo(DecryptionStatus.NOT_AUTHORIZED_FOR_KEY);
        assertThat(client(sharerB).decryptTokenIntoRawUid(token).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
    }

    @Test
    void withoutAnEnabledDefaultKeysetASiteCannotEncrypt() {
        int lonely = site("No keyset");
        TestOperator.Credentials c = op.createClient(lonely, false, Role.SHARER);
        assertThat(client(c).encryptRawUidIntoToken(RAW_UID).getStatus()).isEqualTo(EncryptionStatus.NOT_AUTHORIZED_FOR_KEY);
        int disabled = site("Disabled keyset");
        Keyset ks = keysets.create(disabled, "off", List.of(), true, System.currentTimeMillis() / 1000).keyset();
        keysets.update(ks.keysetId(), new KeysetService.Update(null, false, null, null, false, null));
        op.node.state().poll();
        TestOperator.Credentials d = op.createClient(disabled, false, Role.SHARER);
        assertThat(client(d).encryptRawUidIntoToken(RAW_UID).getStatus()).isEqualTo(EncryptionStatus.NOT_AUTHORIZED_FOR_KEY);
    }

    @Test
    void keySharingAnswerForTheSharer() throws Exception {
        ApiClient.Reply r = op.api.v2("/v2/key/sharing", sharerA.key(), sharerA.secret(), null);
        var body = r.json().get("body");
        assertThat(body.get("caller_site_id").asInt()).isEqualTo(siteA);
        assertThat(body.get("default_keyset_id").asInt()).isEqualTo(keysetA.keysetId());
        assertThat(body.get("max_sharing_lifetime_seconds").asLong())
                .isEqualTo(op.node.state().snapshot().runtime().effectiveMaxSharingLifetimeSeconds() + 10);
        assertThat(body.get("token_expiry_seconds").isTextual()).isTrue();
        // B sees A's key without a keyset id (decrypt only) and its own with one
        ApiClient.Reply rb = op.api.v2("/v2/key/sharing", sharerB.key(), sharerB.secret(), null);
        int withoutKeysetId = 0;
        for (var k : rb.json().get("body").get("keys")) if (!k.has("keyset_id")) withoutKeysetId++;
        assertThat(withoutKeysetId).isGreaterThanOrEqualTo(1);
    }
}
