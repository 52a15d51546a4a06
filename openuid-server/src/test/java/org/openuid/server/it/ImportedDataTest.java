package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the public core-format test data imported, raw UIDs equal the verified vectors (spec tokens.md §2.6,
 * environment "test") and the SDK decrypts the spec's token vectors with keys downloaded from OpenUID.
 */
class ImportedDataTest {
    /** Site 123's reader from the test data. */
    static final String READER_KEY = "UID2-C-L-123-t32pCM.5NCX1E94UgOd2f8zhsKmxzCoyhXohHYSSWR8U=";
    static final String READER_SECRET = "FsD4bvtjMkeTonx6HvQp6u0EiI1ApGH4pIZzZ5P7UcQ=";
    static TestOperator op;
    static BidstreamClient dsp;
    static PublisherUid2Client publisher;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.imported();
        TestOperator.Credentials gen = op.createClient(123, false, Role.GENERATOR);
        publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        dsp = new BidstreamClient(op.baseUrl, READER_KEY, READER_SECRET);
        assertThat(dsp.refresh().isSuccess()).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static String rawUidOf(TokenGenerateInput input) {
        String token = publisher.generateTokenResponse(input).getIdentity().getAdvertisingToken();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, null);
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d.getSiteId()).isEqualTo(123);
        return d.getUid();
    }

    @Test
    void rawUidsMatchTheVerifiedVectors() {
        assertThat(rawUidOf(TokenGenerateInput.fromEmail("user@example.com"))).isEqualTo("ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf");
        assertThat(rawUidOf(TokenGenerateInput.fromEmail("validate@example.com"))).isEqualTo("IB6Eg1OCF+lh69mH6vlFu2tQ0lCF8KihEihbuo4zz7j7");
        assertThat(rawUidOf(TokenGenerateInput.fromPhone("+12345678901"))).isEqualTo("JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7");
        assertThat(rawUidOf(TokenGenerateInput.fromEmail("test@example.com"))).isEqualTo("yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=");
    }

    @Test
    void sdkDecryptsTheSpecTokenVectorsWithDownloadedKeys() {
        Instant at = Instant.parse("2025-01-01T00:10:00Z");
        String v4 = "A4AAAABlIiIiIiIiIiIiIiIi5V_4NKUeHljX_keKwcyEiOo7aYOxKrsb-Vgw5M391CE8gy0FOWXCVBxEm9YUAVfQHZdflYSqQaS9bMAgEvRwAZjFqqvHKyr4ZiFOFARBA_Xx77dqAYduFYPbPvTuKgJu7tKNG-6q5hpqvE8s0-v_O4DG_m5P1SShv6Vt4fAPvN9_ohBQzgCdQJFwyaOVoE7w6eg";
        String v3 = "A3AAAABlIiIiIiIiIiIiIiIi5V/4NKUeHljX/keKwcyEiOo7aYOxKrsb+Vgw5M391CE8gy0FOWXCVBxEm9YUAVfQHZdflYSqQaS9bMAgEvRwAZjFqqvHKyr4ZiFOFARBA/Xx77dqAYduFYPbPvTuKgJu7tKNG+6q5hpqvE8s0+v/O4DG/m5P1SShv6Vt4fAPvN9/ohBQzgCdQJFwyaOVoE7w6eg=";
        String v2 = "AgAAAGUiIiIiIiIiIiIiIiIiIiIiNNXT/TR9/KMGjgbl4jNdeF1HIrRMv30CLIgjCj8pKI8wRkIIWQEkYJkeOROxLwEVQePaouxcAHOtG09i4QPFEyh2GDK9CVOEt/F8xRJe6HxjVlWdeb/wcFjJmMz+WUIS7XZXgXReIIpkE+oPPxdRlQ==";
        for (String t : new String[]{v4, v3}) {
            DecryptionResponse d = dsp.decryptTokenIntoRawUid(t, null, at);
            assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
            assertThat(d.getUid()).isEqualTo("oCALIk9Go8jllKhaHfSacXMIAz+c8DzvcFs4HM+OVjCa");
            assertThat(d.getSiteId()).isEqualTo(123);
        }
        DecryptionResponse d2 = dsp.decryptTokenIntoRawUid(v2, null, at);
        assertThat(d2.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(d2.getUid()).isEqualTo("yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=");
        assertThat(dsp.decryptTokenIntoRawUid(v4, null, Instant.parse("2025-01-01T01:00:00.001Z")).getStatus())
                .isEqualTo(DecryptionStatus.EXPIRED_TOKEN);
    }

    @Test
    void keySharingForSite123EqualsTheWorkedExample() throws Exception {
        ApiClient.Reply r = op.api.v2("/v2/key/sharing", READER_KEY, READER_SECRET, null);
        assertThat(r.status()).isEqualTo(200);
        // key 11's secret is written non-canonically in the data set ("...aG1="); it is the same 32 bytes as the
        // canonical Base64 the operator sends ("...aG0=")
        String expected = """
                {"caller_site_id":123,"master_keyset_id":9999999,"default_keyset_id":501,
                 "token_expiry_seconds":"2592000","identity_scope":"UID2","allow_clock_skew_seconds":1800,
                 "keys":[
                  {"id":5,"created":1609459200,"activates":1609469200,"expires":4088629662,"secret":"vPdQIoN1nTwXIQoH4/GcHOAct7ymyrGUKXNQhgmq+E8=","keyset_id":502},
                  {"id":11,"created":1713225363,"activates":1713250563,"expires":1715756163,"secret":"YgyxOX4yX1gYhCINq7O9XxM6jX+etXqSXluZxjB1aG0="},
                  {"id":101,"created":1622691044,"activates":1687635529,"expires":4088629662,"secret":"vPdQIoN1nTwXIQoH4/GcHOAct7ymyrGUKXNQhgmq+E8=","keyset_id":9999999},
                  {"id":104,"created":1633991166,"activates":1634077566,"expires":4088629662,"secret":"bVZZOwCuO0fUf2P6CrwaY23erMErVQiMkGgpy2OMSxc=","keyset_id":501}],
                 "site_data":[
                  {"id":123,"domain_names":["123456789","com.123.Game.App.android","com.123.Game.App.ios","com.uid2.devapp","localhost","uidapi.com"]},
                  {"id":127,"domain_names":["13456789","com.UID2.operator.TEST","example.com","unifiedid.com"]}]}
                """;
        assertThat(r.json().get("status").asText()).isEqualTo("success");
        assertThat(r.json().get("body")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(expected));
    }

    @Test
    void keyBidstreamAndLatest() throws Exception {
        ApiClient.Reply b = op.api.v2("/v2/key/bidstream", READER_KEY, READER_SECRET, null);
        assertThat(b.json().get("body").get("max_bidstream_lifetime_seconds").asInt()).isEqualTo(3610);
        assertThat(b.json().get("body").get("keys")).hasSize(4);
        assertThat(b.json().get("body").get("keys").get(0).has("keyset_id")).isFalse();
        assertThat(b.json().get("body").has("caller_site_id")).isFalse();
        ApiClient.Reply l = op.api.v2("/v2/key/latest", READER_KEY, READER_SECRET, null);
        assertThat(l.json().get("body").isArray()).isTrue();
        assertThat(l.json().get("body").get(2).get("site_id").asInt()).isEqualTo(-1);
    }

    @Test
    void validateWithTestDataKeys() throws Exception {
        TestOperator.Credentials gen = op.createClient(123, false, Role.GENERATOR);
        String token = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("test@example.com")).getIdentity().getAdvertisingToken();
        ApiClient.Reply r = op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"" + token + "\",\"email_hash\":\"lz3+Rj7IV4X1+Vr1ujkG7tstkxwk5pgkqJ6mXbpOgTs=\"}");
        assertThat(r.json().get("body").asBoolean()).isTrue();
        // a site-999 generator's tokens use the fallback keyset of site 2: site 999 may not validate them
        TestOperator.Credentials other = op.createClient(999, false, Role.GENERATOR);
        PublisherUid2Client p999 = new PublisherUid2Client(op.baseUrl, other.key(), other.secret());
        String t999 = p999.generateTokenResponse(TokenGenerateInput.fromEmail("test@example.com")).getIdentity().getAdvertisingToken();
        ApiClient.Reply u = op.api.v2("/v2/token/validate", other.key(), other.secret(), "{\"token\":\"" + t999 + "\",\"email\":\"test@example.com\"}");
        assertThat(u.status()).isEqualTo(400);
        assertThat(u.plainJson().get("message").asText()).isEqualTo("Unauthorised to validate token");
    }
}
