package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.UID2ClientFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.server.manage.SiteService;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DSP's view through the official SDK's {@link BidstreamClient}: publisher tokens decrypt, client-side tokens
 * pass only with one of the site's domains or app names (site_data), and the operator's token lifetimes pass the
 * SDK's lifetime check (max_bidstream_lifetime_seconds is the identity lifetime + 10 s).
 */
class BidstreamSdkTest {
    static TestOperator op;
    static BidstreamClient dsp;
    static PublisherUid2Client publisher;
    static CstgTestClient cstg;
    static int siteId;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        JsonNode creds = new ObjectMapper().readTree(op.node.operator().config().credentialsPath().toFile());
        siteId = creds.get("site_id").asInt();
        cstg = new CstgTestClient(op.baseUrl, creds.get("cstg").get("subscription_id").asText(), creds.get("cstg").get("public_key").asText());
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static String clientSideToken(String origin) throws Exception {
        CstgTestClient.Answer a = cstg.emailHash(ClientSideGenerateTest.sha256("user@example.com"), origin);
        assertThat(a.status()).isEqualTo(200);
        return a.json().get("body").get("advertising_token").asText();
    }

    @Test
    void publisherTokensDecryptWhateverTheDomain() {
        String token = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        for (String domain : new String[]{null, "example.com", "anything.org"}) {
            DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, domain);
            assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            assertThat(d.getSiteId()).isEqualTo(siteId);
            assertThat(d.getAdvertisingTokenVersion()).isEqualTo(4);
            assertThat(d.getIsClientSideGenerated()).isFalse();
        }
    }

    @Test
    void clientSideTokensPassOnlyWithTheSitesDomainsAndApps() throws Exception {
        String token = clientSideToken("https://www.example.com");
        for (String ok : new String[]{"example.com", "EXAMPLE.com", "localhost", "com.example.demo"}) {
            DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, ok);
            assertThat(d.getStatus()).as(ok).isEqualTo(DecryptionStatus.SUCCESS);
            assertThat(d.getIsClientSideGenerated()).isTrue();
        }
        for (String bad : new String[]{"other.com", "www.example.com", "com.example.other", null}) {
            assertThat(dsp.decryptTokenIntoRawUid(token, bad).getStatus()).as(String.valueOf(bad))
                    .isEqualTo(DecryptionStatus.DOMAIN_OR_APP_NAME_CHECK_FAILED);
        }
        // the deprecated UID2Client never passes a domain, so it cannot accept client-side tokens
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        var legacy = UID2ClientFactory.create(op.baseUrl, reader.key(), reader.secret());
        legacy.refresh();
        assertThat(legacy.decrypt(token).getStatus()).isEqualTo(DecryptionStatus.DOMAIN_OR_APP_NAME_CHECK_FAILED);
    }

    @Test
    void changedDomainListReachesTheSdkAtItsNextRefresh() throws Exception {
        SiteService sites = new SiteService(op.node.store(), op.node.operator().config().keyRotation().keyLifetimeSeconds());
        var before = op.node.store().site(siteId).orElseThrow();
        try {
            sites.setDomains(siteId, List.of("https://shop.publisher.co.uk", "localhost"));
            sites.setApps(siteId, List.of("com.publisher.app"));
            op.node.state().poll();
            String token = clientSideToken("https://news.publisher.co.uk");
            BidstreamClient fresh = new BidstreamClient(op.baseUrl, op.demo(Role.ID_READER).key(), op.demo(Role.ID_READER).secret());
            assertThat(fresh.refresh().isSuccess()).isTrue();
            assertThat(fresh.decryptTokenIntoRawUid(token, "publisher.co.uk").getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            assertThat(fresh.decryptTokenIntoRawUid(token, "com.publisher.app").getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            assertThat(fresh.decryptTokenIntoRawUid(token, "example.com").getStatus()).isEqualTo(DecryptionStatus.DOMAIN_OR_APP_NAME_CHECK_FAILED);
            assertThat(cstg.emailHash(ClientSideGenerateTest.sha256("user@example.com"), "https://example.com").status()).isEqualTo(403);
        } finally {
            sites.setDomains(siteId, before.domainNames());
            sites.setApps(siteId, before.appNames());
            op.node.state().poll();
        }
    }

    @Test
    void tokenLifetimesPassTheSdkLifetimeCheck() throws Exception {
        RuntimeConfig rc = op.node.state().snapshot().runtime();
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        ApiClient.Reply keys = op.api.v2("/v2/key/bidstream", reader.key(), reader.secret(), null);
        assertThat(keys.json().get("body").get("max_bidstream_lifetime_seconds").asLong())
                .isEqualTo(rc.identityTokenExpiresAfterSeconds() + 10);
        String server = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("user@example.com")).getIdentity().getAdvertisingToken();
        String client = clientSideToken("https://example.com");
        Instant now = Instant.now();
        for (String t : new String[]{server, client}) {
            assertThat(dsp.decryptTokenIntoRawUid(t, "example.com", now).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            // within the clock skew the SDK allows for a token "from the future"
            assertThat(dsp.decryptTokenIntoRawUid(t, "example.com", now.minusSeconds(1700)).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            DecryptionResponse d = dsp.decryptTokenIntoRawUid(t, "example.com", now);
            assertThat(d.getExpiry()).isAfter(now.plusSeconds(rc.identityTokenExpiresAfterSeconds() - 120));
            assertThat(dsp.decryptTokenIntoRawUid(t, "example.com", now.plusSeconds(rc.identityTokenExpiresAfterSeconds() + 60)).getStatus())
                    .isEqualTo(DecryptionStatus.EXPIRED_TOKEN);
        }
        // an explicit max_bidstream_lifetime_seconds is advertised + 10 too
        op.node.store().setRuntimeConfig(new RuntimeConfig(rc.identityTokenExpiresAfterSeconds(), rc.refreshTokenExpiresAfterSeconds(),
                rc.refreshIdentityTokenAfterSeconds(), rc.sharingTokenExpirySeconds(), rc.identityTokenExpiresAfterSeconds() + 100,
                rc.maxSharingLifetimeSeconds(), rc.identityEnvironment()));
        op.node.state().poll();
        try {
            ApiClient.Reply k2 = op.api.v2("/v2/key/bidstream", reader.key(), reader.secret(), null);
            assertThat(k2.json().get("body").get("max_bidstream_lifetime_seconds").asLong()).isEqualTo(rc.identityTokenExpiresAfterSeconds() + 110);
        } finally {
            op.node.store().setRuntimeConfig(rc);
            op.node.state().poll();
        }
    }
}
