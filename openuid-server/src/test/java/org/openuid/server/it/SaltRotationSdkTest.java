package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.BidstreamClient;
import com.uid2.client.IdentityMapClient;
import com.uid2.client.IdentityMapInput;
import com.uid2.client.IdentityMapResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.openuid.core.service.IdentityBuckets;
import org.openuid.server.jobs.SaltRotationJob;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Salt rotation seen through the SDK (spec keys-and-data.md §6.4, tokens.md §2.5): an operator bootstrapped 40 days
 * ago (its clock set back) rotates half of its buckets when its clock reaches today; afterwards v3 returns the
 * previous raw UID in {@code p} for identities in rotated buckets, /v2/identity/buckets reports those buckets with
 * the rotation time, and v2 map and tokens carry the new raw UIDs under unchanged bucket ids.
 */
class SaltRotationSdkTest {
    static final long DAY = 86_400_000L;
    static final AtomicLong CLOCK_OFFSET = new AtomicLong(-40 * DAY);
    static TestOperator op;
    static TestOperator.Credentials mapper;
    static IdentityMapClient v2;
    static IdentityMapV3Client v3;
    static final List<String> EMAILS = new ArrayList<>();
    static IdentityMapResponse v2Before;
    static IdentityMapV3Response v3Before;
    /** Operator clock just before the bootstrap (every bucket's lastUpdated is a little later). */
    static long bootstrappedAt;
    static long rotatedAt;
    static SaltRotationJob.Result result;

    @BeforeAll
    static void start() throws Exception {
        bootstrappedAt = System.currentTimeMillis() + CLOCK_OFFSET.get();
        // bootstrapped 40 days ago so that the salts are old enough to rotate; keys valid for 90 days still encrypt today
        op = TestOperator.bootstrapped(Map.of("salt_rotation_fraction", "0.5", "key_lifetime_days", "90"),
                () -> System.currentTimeMillis() + CLOCK_OFFSET.get());
        CLOCK_OFFSET.set(0);
        mapper = op.demo(Role.MAPPER);
        v2 = new IdentityMapClient(op.baseUrl, mapper.key(), mapper.secret());
        v3 = new IdentityMapV3Client(op.baseUrl, mapper.key(), mapper.secret());
        for (int i = 0; i < 64; i++) EMAILS.add("rotation." + i + "@example.com");
        v2Before = v2.generateIdentityMap(IdentityMapInput.fromEmails(EMAILS));
        v3Before = v3.generateIdentityMap(IdentityMapV3Input.fromEmails(EMAILS));

        rotatedAt = op.node.operator().now();
        result = op.node.saltRotation().runOnce(rotatedAt);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    /** Bucket ids reported by /v2/identity/buckets since {@code sinceMs}, with their last_updated text. */
    static Map<String, String> bucketsSince(long sinceMs) throws Exception {
        String since = IdentityBuckets.formatLastUpdated(sinceMs);
        ApiClient.Reply r = op.api.v2("/v2/identity/buckets", mapper.key(), mapper.secret(), "{\"since_timestamp\":\"" + since + "\"}");
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> out = new HashMap<>();
        for (JsonNode b : r.json().get("body")) out.put(b.get("bucket_id").asText(), b.get("last_updated").asText());
        return out;
    }

    @Test
    void halfOfTheBucketsRotatedAndTheBucketsEndpointReportsThem() throws Exception {
        assertThat(result.bucketCount()).isEqualTo(4096);
        assertThat(result.eligibleCount()).isEqualTo(4096);
        assertThat(result.rotatedCount()).isEqualTo(2048);
        Map<String, String> rotated = bucketsSince(bootstrappedAt + DAY);
        assertThat(rotated).hasSize(2048);
        assertThat(Set.copyOf(rotated.values())).containsExactly(IdentityBuckets.formatLastUpdated(rotatedAt));
        assertThat(bucketsSince(bootstrappedAt)).hasSize(4096);
    }

    @Test
    void v3ReturnsThePreviousRawUidForRotatedBucketsOnly() throws Exception {
        Set<String> rotatedBuckets = bucketsSince(bootstrappedAt + DAY).keySet();
        IdentityMapV3Response after = v3.generateIdentityMap(IdentityMapV3Input.fromEmails(EMAILS));
        int rotated = 0;
        for (String email : EMAILS) {
            IdentityMapV3Response.MappedIdentity before = v3Before.getMappedIdentities().get(email);
            IdentityMapV3Response.MappedIdentity now = after.getMappedIdentities().get(email);
            String bucket = v2Before.getMappedIdentities().get(email).getBucketId();
            if (rotatedBuckets.contains(bucket)) {
                rotated++;
                assertThat(now.getPreviousRawUid()).as(email).isEqualTo(before.getCurrentRawUid());
                assertThat(now.getCurrentRawUid()).as(email).isNotEqualTo(before.getCurrentRawUid());
                // refresh-from of a rotated bucket: the rotation time + salt_rotation_refresh_delay_days (30)
                assertThat(now.getRefreshFrom()).isEqualTo(Instant.ofEpochSecond((rotatedAt + 30 * DAY) / 1000));
            } else {
                assertThat(now.getPreviousRawUid()).as(email).isNull();
                assertThat(now.getCurrentRawUid()).as(email).isEqualTo(before.getCurrentRawUid());
            }
        }
        // 64 identities spread over 4096 buckets of which half rotated: both kinds occur
        assertThat(rotated).isBetween(1, EMAILS.size() - 1);
    }

    @Test
    void v2MapAndTokensCarryTheNewRawUidUnderTheSameBucketId() throws Exception {
        Map<String, String> rotatedBuckets = bucketsSince(bootstrappedAt + DAY);
        IdentityMapResponse after = v2.generateIdentityMap(IdentityMapInput.fromEmails(EMAILS));
        IdentityMapV3Response afterV3 = v3.generateIdentityMap(IdentityMapV3Input.fromEmails(EMAILS));
        Set<String> changed = new HashSet<>();
        for (String email : EMAILS) {
            IdentityMapResponse.MappedIdentity now = after.getMappedIdentities().get(email);
            IdentityMapResponse.MappedIdentity before = v2Before.getMappedIdentities().get(email);
            assertThat(now.getBucketId()).isEqualTo(before.getBucketId());
            assertThat(now.getRawUid()).isEqualTo(afterV3.getMappedIdentities().get(email).getCurrentRawUid());
            if (!now.getRawUid().equals(before.getRawUid())) changed.add(email);
            assertThat(rotatedBuckets.containsKey(now.getBucketId())).isEqualTo(changed.contains(email));
        }
        String email = changed.iterator().next();
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        String token = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret())
                .generateTokenResponse(TokenGenerateInput.fromEmail(email)).getIdentity().getAdvertisingToken();
        BidstreamClient dsp = new BidstreamClient(op.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        assertThat(dsp.decryptTokenIntoRawUid(token, null).getUid()).isEqualTo(after.getMappedIdentities().get(email).getRawUid());
    }

    @Test
    void theScheduledPathSkipsAnIntervalThatAlreadyHasARotation() {
        SaltRotationJob job = op.node.saltRotation();
        assertThat(job.isDue(rotatedAt)).isFalse();
    }
}
