package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.EncryptionDataResponse;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.SharingClient;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import com.uid2.client.TokenRefreshResponse;
import com.uid2.client.UID2Client;
import com.uid2.client.UID2ClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.openuid.server.cli.Main;

import static org.assertj.core.api.Assertions.assertThat;

/** The publisher flow driven by the official Java SDK 4.8.0 against a freshly bootstrapped operator. */
class PublisherSdkTest {
    static TestOperator op;
    static PublisherUid2Client publisher;
    static TestOperator.Credentials reader;
    static TestOperator.Credentials sharer;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        reader = op.demo(Role.ID_READER);
        sharer = op.demo(Role.SHARER);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static IdentityTokens generate(TokenGenerateInput input) {
        TokenGenerateResponse r = publisher.generateTokenResponse(input);
        assertThat(r.isSuccess()).isTrue();
        IdentityTokens id = r.getIdentity();
        // v4 token around a 32-byte (v2, salt-based) raw UID: 218 base64url characters
        assertThat(id.getAdvertisingToken()).startsWith("A4").hasSize(218);
        assertThat(id.getRefreshToken()).hasSize(388);
        return id;
    }

    @Test
    void generatesForEveryInputKind() {
        generate(TokenGenerateInput.fromEmail("user@example.com"));
        generate(TokenGenerateInput.fromHashedEmail("tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf/F5HVRQ="));
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromPhone("+12345678901")).getIdentity().getAdvertisingToken()).startsWith("B4");
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromHashedPhone("EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=")).getIdentity().getAdvertisingToken()).startsWith("B4");
        generate(TokenGenerateInput.fromEmail("user@example.com").doNotGenerateTokensForOptedOut());
    }

    @Test
    void refreshesAndRefreshesAgain() {
        IdentityTokens first = generate(TokenGenerateInput.fromEmail("refresh.me@example.com"));
        TokenRefreshResponse r1 = publisher.refreshToken(first);
        assertThat(r1.isSuccess()).isTrue();
        assertThat(r1.getIdentity().getRefreshToken()).hasSize(388).isNotEqualTo(first.getRefreshToken());
        TokenRefreshResponse r2 = publisher.refreshToken(r1.getIdentity());
        assertThat(r2.isSuccess()).isTrue();
        assertThat(r2.getIdentity().getAdvertisingToken()).startsWith("A4");
    }

    @Test
    void optOutTestIdentities() {
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("optout@example.com")).isOptout()).isTrue();
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromPhone("+00000000000")).isOptout()).isTrue();
        IdentityTokens id = generate(TokenGenerateInput.fromEmail("refresh-optout@example.com"));
        assertThat(publisher.refreshToken(id).isOptout()).isTrue();
        IdentityTokens phone = publisher.generateTokenResponse(TokenGenerateInput.fromPhone("+00000000002")).getIdentity();
        assertThat(publisher.refreshToken(phone).isOptout()).isTrue();
        IdentityTokens never = generate(TokenGenerateInput.fromEmail("validate@example.com"));
        assertThat(publisher.refreshToken(never).isSuccess()).isTrue();
    }

    @Test
    void bidstreamClientDecryptsPublisherTokens() throws Exception {
        IdentityTokens id = generate(TokenGenerateInput.fromEmail("dsp.check@example.com"));
        BidstreamClient dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(id.getAdvertisingToken(), null);
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getUid()).hasSize(44);
        assertThat(d.getSiteId()).isEqualTo(op.demoSiteId());
        assertThat(d.getAdvertisingTokenVersion()).isEqualTo(4);
        assertThat(d.getIsClientSideGenerated()).isFalse();
        // refreshed tokens carry the same raw UID
        IdentityTokens refreshed = publisher.refreshToken(id).getIdentity();
        assertThat(dsp.decryptTokenIntoRawUid(refreshed.getAdvertisingToken(), null).getUid()).isEqualTo(d.getUid());
    }

    @Test
    void sharingClientDecryptsAndRoundTrips() {
        IdentityTokens id = generate(TokenGenerateInput.fromEmail("sharing.check@example.com"));
        SharingClient sharing = new SharingClient(op.baseUrl, sharer.key(), sharer.secret());
        assertThat(sharing.refresh().isSuccess()).isTrue();
        DecryptionResponse d = sharing.decryptTokenIntoRawUid(id.getAdvertisingToken());
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getUid()).hasSize(44);
        EncryptionDataResponse e = sharing.encryptRawUidIntoToken(d.getUid());
        assertThat(e.isSuccess()).isTrue();
        assertThat(sharing.decryptTokenIntoRawUid(e.getEncryptedData()).getUid()).isEqualTo(d.getUid());
    }

    @Test
    void legacyUid2ClientDecrypts() throws Exception {
        IdentityTokens id = generate(TokenGenerateInput.fromEmail("legacy.check@example.com"));
        UID2Client legacy = (UID2Client) UID2ClientFactory.create(op.baseUrl, reader.key(), reader.secret());
        legacy.refresh();
        assertThat(legacy.decrypt(id.getAdvertisingToken()).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
    }

    @Test
    void validateMatchesOnlyTheSameIdentity() throws Exception {
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        IdentityTokens id = generate(TokenGenerateInput.fromEmail("validate.me@example.com"));
        String token = id.getAdvertisingToken();
        ApiClient.Reply yes = op.api.v2("/v2/token/validate", gen.key(), gen.secret(),
                "{\"token\":\"" + token + "\",\"email\":\"Validate.Me@example.com\"}");
        assertThat(yes.json().get("body").asBoolean()).isTrue();
        ApiClient.Reply no = op.api.v2("/v2/token/validate", gen.key(), gen.secret(),
                "{\"token\":\"" + token + "\",\"email\":\"someone.else@example.com\"}");
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.json().get("body").asBoolean()).isFalse();
    }

    @Test
    void optOutRecordedInTheStoreIsHonouredAtGenerateAndRefresh() throws Exception {
        IdentityTokens before = generate(TokenGenerateInput.fromEmail("leaving@example.com"));
        int rc = Main.run(AdminHttp.cli(op, "optout", "add", "--email", "leaving@example.com"));
        assertThat(rc).isZero();
        op.node.state().poll();
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("leaving@example.com")).isOptout()).isTrue();
        assertThat(publisher.refreshToken(before).isOptout()).isTrue();
    }
}
