package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionResponse;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityMapClient;
import com.uid2.client.IdentityMapInput;
import com.uid2.client.IdentityMapResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.UnmappedIdentityReason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.model.Role;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.service.Snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity map v2 and v3 driven by the official Java SDK 4.8.0 (spec sdk-compat.md §3-4, endpoints.md §7-§9): mixed
 * valid, invalid and opted-out inputs; raw UIDs equal the ones inside tokens for the same identity.
 */
class IdentityMapSdkTest {
    static TestOperator op;
    static TestOperator.Credentials mapper;
    static IdentityMapClient v2;
    static IdentityMapV3Client v3;
    static PublisherUid2Client publisher;
    static BidstreamClient dsp;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        mapper = op.demo(Role.MAPPER);
        v2 = new IdentityMapClient(op.baseUrl, mapper.key(), mapper.secret());
        v3 = new IdentityMapV3Client(op.baseUrl, mapper.key(), mapper.secret());
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

    /** Records a real opt-out in the store (not a test identity) and makes it visible on the node. */
    static void optOut(DiiKind kind, String dii) {
        Snapshot s = op.node.state().snapshot();
        op.node.state().addOptOut(OptOutRecords.forIdentity(s, op.node.operator().tokens(), DiiParser.parse(kind, dii),
                System.currentTimeMillis() / 1000));
    }

    /** The raw UID inside a freshly generated token, decrypted by the SDK. */
    static String tokenRawUid(TokenGenerateInput input) {
        String token = publisher.generateTokenResponse(input).getIdentity().getAdvertisingToken();
        DecryptionResponse d = dsp.decryptTokenIntoRawUid(token, null);
        assertThat(d.getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        return d.getUid();
    }

    static String emailHash(String email) {
        return Base64.getEncoder().encodeToString(DiiParser.parse(DiiKind.EMAIL, email).identityHash());
    }

    @Test
    void v2RawEmailsWithTestIdentitiesAndARealOptOut() {
        optOut(DiiKind.EMAIL, "really.left@example.com");
        List<String> emails = List.of("user@example.com", "Jane.Doe+Work@Gmail.com", "optout@example.com",
                "validate@example.com", "refresh-optout@example.com", "really.left@example.com");
        IdentityMapResponse r = v2.generateIdentityMap(IdentityMapInput.fromEmails(emails));
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.getMappedIdentities()).containsOnlyKeys("user@example.com", "Jane.Doe+Work@Gmail.com",
                "validate@example.com", "refresh-optout@example.com");
        assertThat(r.getUnmappedIdentities()).containsOnlyKeys("optout@example.com", "really.left@example.com");
        assertThat(r.getUnmappedIdentities().get("optout@example.com").getReason()).isEqualTo("optout");
        assertThat(r.getUnmappedIdentities().get("really.left@example.com").getReason()).isEqualTo("optout");
        for (String email : List.of("user@example.com", "Jane.Doe+Work@Gmail.com", "validate@example.com")) {
            IdentityMapResponse.MappedIdentity m = r.getMappedIdentities().get(email);
            assertThat(m.getRawUid()).as(email).isEqualTo(tokenRawUid(TokenGenerateInput.fromEmail(email)));
            assertThat(m.getBucketId()).isNotBlank();
        }
    }

    @Test
    void v2HashedEmailsMixValidInvalidAndOptedOut() {
        optOut(DiiKind.EMAIL_HASH, emailHash("hashed.leaver@example.com"));
        String valid = emailHash("hashed.user@example.com");
        String hex = "b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514"; // user@example.com
        String invalid = "not-a-hash";
        String urlSafe = "tMmiiTI7IaAcPpQPFQ65uMVCWH8av9jw4cwf_F5HVRQ=";
        List<String> hashes = List.of(valid, hex, invalid, urlSafe, emailHash("optout@example.com"), emailHash("hashed.leaver@example.com"));
        IdentityMapResponse r = v2.generateIdentityMap(IdentityMapInput.fromHashedEmails(hashes));
        assertThat(r.getMappedIdentities()).containsOnlyKeys(valid, hex);
        assertThat(r.getUnmappedIdentities()).containsOnlyKeys(invalid, urlSafe, emailHash("optout@example.com"),
                emailHash("hashed.leaver@example.com"));
        assertThat(r.getUnmappedIdentities().get(invalid).getReason()).isEqualTo("invalid identifier");
        assertThat(r.getUnmappedIdentities().get(urlSafe).getReason()).isEqualTo("invalid identifier");
        assertThat(r.getUnmappedIdentities().get(emailHash("hashed.leaver@example.com")).getReason()).isEqualTo("optout");
        assertThat(r.getMappedIdentities().get(valid).getRawUid())
                .isEqualTo(tokenRawUid(TokenGenerateInput.fromHashedEmail(valid)));
        assertThat(r.getMappedIdentities().get(hex).getRawUid())
                .isEqualTo(tokenRawUid(TokenGenerateInput.fromEmail("user@example.com")));
    }

    @Test
    void v2PhonesIncludingTestPhones() {
        optOut(DiiKind.PHONE, "+15555550123");
        IdentityMapResponse r = v2.generateIdentityMap(IdentityMapInput.fromPhones(
                List.of("+12345678901", "+00000000000", "+00000000002", "+15555550123", "+447700900123")));
        assertThat(r.getMappedIdentities()).containsOnlyKeys("+12345678901", "+00000000002", "+447700900123");
        assertThat(r.getUnmappedIdentities()).containsOnlyKeys("+00000000000", "+15555550123");
        assertThat(r.getMappedIdentities().get("+447700900123").getRawUid())
                .isEqualTo(tokenRawUid(TokenGenerateInput.fromPhone("+447700900123")));
    }

    @Test
    void v2BucketIdsAreReportedByTheBucketsEndpoint() throws Exception {
        IdentityMapResponse r = v2.generateIdentityMap(IdentityMapInput.fromEmails(List.of("a@example.com", "b@example.com", "c@example.com")));
        ApiClient.Reply buckets = op.api.v2("/v2/identity/buckets", mapper.key(), mapper.secret(), "{\"since_timestamp\":\"2000-01-01T00:00:00\"}");
        Set<String> ids = new HashSet<>();
        for (JsonNode b : buckets.json().get("body")) ids.add(b.get("bucket_id").asText());
        assertThat(ids).hasSize(4096);
        for (IdentityMapResponse.MappedIdentity m : r.getMappedIdentities().values()) assertThat(ids).contains(m.getBucketId());
    }

    @Test
    void v3MixedKindsThroughTheBinaryEnvelope() {
        optOut(DiiKind.PHONE, "+15555550199");
        IdentityMapV3Input input = IdentityMapV3Input.fromEmails(List.of("user@example.com", "optout@example.com", "validate@example.com"))
                .withPhones(List.of("+12345678901", "+00000000000", "+15555550199"))
                .withHashedEmails(List.of(emailHash("v3.hashed@example.com"), "bad-hash"))
                .withHashedPhone("EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=");
        IdentityMapV3Response r = v3.generateIdentityMap(input);
        assertThat(r.isSuccess()).isTrue();
        assertThat(r.getMappedIdentities()).containsOnlyKeys("user@example.com", "validate@example.com", "+12345678901",
                emailHash("v3.hashed@example.com"), "EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=");
        assertThat(r.getUnmappedIdentities()).containsOnlyKeys("optout@example.com", "+00000000000", "+15555550199", "bad-hash");
        assertThat(r.getUnmappedIdentities().get("optout@example.com").getReason()).isEqualTo(UnmappedIdentityReason.OPTOUT);
        assertThat(r.getUnmappedIdentities().get("+15555550199").getReason()).isEqualTo(UnmappedIdentityReason.OPTOUT);
        assertThat(r.getUnmappedIdentities().get("bad-hash").getReason()).isEqualTo(UnmappedIdentityReason.INVALID_IDENTIFIER);

        IdentityMapV3Response.MappedIdentity user = r.getMappedIdentities().get("user@example.com");
        assertThat(user.getCurrentRawUid()).isEqualTo(tokenRawUid(TokenGenerateInput.fromEmail("user@example.com")));
        // freshly bootstrapped buckets have no previous salt; refresh-from is the buckets' refreshFrom, in the future
        assertThat(user.getPreviousRawUid()).isNull();
        assertThat(user.getRefreshFrom()).isAfter(Instant.now());
        assertThat(r.getMappedIdentities().get("+12345678901").getCurrentRawUid())
                .isEqualTo(r.getMappedIdentities().get("EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=").getCurrentRawUid())
                .isEqualTo(tokenRawUid(TokenGenerateInput.fromPhone("+12345678901")));
    }

    @Test
    void v2AndV3AgreeOnRawUids() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) emails.add("agree." + i + "@example.com");
        IdentityMapResponse a = v2.generateIdentityMap(IdentityMapInput.fromEmails(emails));
        IdentityMapV3Response b = v3.generateIdentityMap(IdentityMapV3Input.fromEmails(emails));
        for (String e : emails)
            assertThat(a.getMappedIdentities().get(e).getRawUid()).isEqualTo(b.getMappedIdentities().get(e).getCurrentRawUid());
    }

    @Test
    void aFiveThousandIdentityBatchThroughBothVersions() {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) hashes.add(emailHash("batch." + i + "@example.com"));
        IdentityMapResponse a = v2.generateIdentityMap(IdentityMapInput.fromHashedEmails(hashes));
        assertThat(a.getMappedIdentities()).hasSize(5000);
        assertThat(a.getUnmappedIdentities()).isEmpty();
        IdentityMapV3Response b = v3.generateIdentityMap(IdentityMapV3Input.fromHashedEmails(hashes));
        assertThat(b.getMappedIdentities()).hasSize(5000);
        assertThat(b.getMappedIdentities().get(hashes.get(4321)).getCurrentRawUid())
                .isEqualTo(a.getMappedIdentities().get(hashes.get(4321)).getRawUid());
    }
}
