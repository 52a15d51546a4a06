package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uid2.client.IdentityMapClient;
import com.uid2.client.IdentityMapInput;
import com.uid2.client.IdentityMapResponse;
import com.uid2.client.IdentityMapV3Client;
import com.uid2.client.IdentityMapV3Input;
import com.uid2.client.IdentityMapV3Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutRecords;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the public core-format test data imported, identity map, buckets and opt-out status give the spec's vectors
 * (tokens.md §2.6 environment "test", keys-and-data.md §6.3-6.4).
 */
class IdentityMapImportedTest {
    /** Test-data client of site 126 with role MAPPER. */
    static final String MAPPER_KEY = "UID2-C-L-126-GMP9tD.jn2o3vmXzn7vmKRlTT6BEUrPUaPJuQmDBdq38=";
    static final String MAPPER_SECRET = "1ydXM0rEj+ROUazVpZjNZOGu2T5+f/BIiBfnK8xGh/A=";
    /** Test-data client of site 123 with role ID_READER only. */
    static final String READER_KEY = "UID2-C-L-123-t32pCM.5NCX1E94UgOd2f8zhsKmxzCoyhXohHYSSWR8U=";
    static final String READER_SECRET = "FsD4bvtjMkeTonx6HvQp6u0EiI1ApGH4pIZzZ5P7UcQ=";
    static final String USER_RAW_UID = "ICALImfE94kkoCsBn79kNqDk485MeuvZ3bHUdsmPcKIf";
    static TestOperator op;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.imported();
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    static ApiClient.Reply call(String path, String json) throws Exception {
        ApiClient.Reply r = op.api.v2(path, MAPPER_KEY, MAPPER_SECRET, json);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("success");
        return r;
    }

    @Test
    void v2MapGivesTheVerifiedRawUidsAndBucketIds() throws Exception {
        JsonNode body = call("/v2/identity/map", "{\"email\":[\"user@example.com\",\"validate@example.com\",\"test@example.com\",\"USER@EXAMPLE.COM\"]}")
                .json().get("body");
        assertThat(body.has("unmapped")).isFalse();
        JsonNode mapped = body.get("mapped");
        assertThat(mapped).hasSize(4);
        expect(mapped.get(0), "user@example.com", USER_RAW_UID, "bv3WM92zaA");
        expect(mapped.get(1), "validate@example.com", "IB6Eg1OCF+lh69mH6vlFu2tQ0lCF8KihEihbuo4zz7j7", "bl5yy6kr58");
        expect(mapped.get(2), "test@example.com", "yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=", "bKaoveQoPR");
        expect(mapped.get(3), "USER@EXAMPLE.COM", USER_RAW_UID, "bv3WM92zaA");

        JsonNode phones = call("/v2/identity/map", "{\"phone_hash\":[\"EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=\"]}").json().get("body");
        expect(phones.get("mapped").get(0), "EObwtHBUqDNZR33LNSMdtt5cafsYFuGmuY4ZLenlue4=", "JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7", "bv3WM92zaA");
    }

    private static void expect(JsonNode m, String identifier, String rawUid, String bucketId) {
        assertThat(m.get("identifier").asText()).isEqualTo(identifier);
        assertThat(m.get("advertising_id").asText()).isEqualTo(rawUid);
        assertThat(m.get("bucket_id").asText()).isEqualTo(bucketId);
    }

    @Test
    void sdkClientsGetTheVerifiedRawUids() {
        IdentityMapResponse r = new IdentityMapClient(op.baseUrl, MAPPER_KEY, MAPPER_SECRET)
                .generateIdentityMap(IdentityMapInput.fromPhones(List.of("+12345678901")));
        assertThat(r.getMappedIdentities().get("+12345678901").getRawUid()).isEqualTo("JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7");
        assertThat(r.getMappedIdentities().get("+12345678901").getBucketId()).isEqualTo("bv3WM92zaA");
        IdentityMapV3Response v3 = new IdentityMapV3Client(op.baseUrl, MAPPER_KEY, MAPPER_SECRET)
                .generateIdentityMap(IdentityMapV3Input.fromEmails(List.of("user@example.com", "test@example.com")));
        assertThat(v3.getMappedIdentities().get("user@example.com").getCurrentRawUid()).isEqualTo(USER_RAW_UID);
        assertThat(v3.getMappedIdentities().get("test@example.com").getCurrentRawUid()).isEqualTo("yCevINTMQ+BMfihNbXjrDLbm/FF+JvBan5YqmToByik=");
    }

    @Test
    void v3AnswerHasAllFourArraysIndexAligned() throws Exception {
        JsonNode body = call("/v3/identity/map", "{\"email\":[\"user@example.com\",\"not an email\",\"optout@example.com\"],\"phone\":[\"+12345678901\"]}")
                .json().get("body");
        assertThat(body.get("email")).hasSize(3);
        assertThat(body.get("email").get(0).get("u").asText()).isEqualTo(USER_RAW_UID);
        assertThat(body.get("email").get(0).has("p")).isTrue();
        assertThat(body.get("email").get(0).get("r").isIntegralNumber()).isTrue();
        assertThat(body.get("email").get(1).toString()).isEqualTo("{\"e\":\"invalid identifier\"}");
        assertThat(body.get("email").get(2).toString()).isEqualTo("{\"e\":\"optout\"}");
        assertThat(body.get("phone").get(0).get("u").asText()).isEqualTo("JCALIn2jvn98OvQPhijCPNLUHrq2SB09ftuzecdG7Vv7");
        assertThat(body.get("email_hash")).isEmpty();
        assertThat(body.get("phone_hash")).isEmpty();
        assertThat(body).hasSize(4);
    }

    @Test
    void bucketsSince2020EqualTheSpecBody() throws Exception {
        JsonNode body = call("/v2/identity/buckets", "{\"since_timestamp\":\"2020-01-01T00:00:00\"}").json().get("body");
        String expected = """
                [{"bucket_id":"bKaoveQoPR","last_updated":"2027-03-30T00:00:00.001"},
                 {"bucket_id":"b1aZVGl7aB","last_updated":"2026-08-17T00:00:00.001"},
                 {"bucket_id":"bv3WM92zaA","last_updated":"2026-12-30T00:00:00.001"},
                 {"bucket_id":"bl5yy6kr58","last_updated":"2026-11-30T00:00:00.001"},
                 {"bucket_id":"be58Mjz13q","last_updated":"2027-05-29T00:00:00.001"}]
                """;
        assertThat(body).isEqualTo(new ObjectMapper().readTree(expected));
        assertThat(body.toString()).startsWith("[{\"bucket_id\":\"bKaoveQoPR\",\"last_updated\":\"2027-03-30T00:00:00.001\"}");
    }

    @Test
    void bucketsSinceALaterTimeAreFilteredInclusively() throws Exception {
        JsonNode later = call("/v2/identity/buckets", "{\"since_timestamp\":\"2027-03-30T00:00:00.001\"}").json().get("body");
        assertThat(later.toString()).isEqualTo("[{\"bucket_id\":\"bKaoveQoPR\",\"last_updated\":\"2027-03-30T00:00:00.001\"},"
                + "{\"bucket_id\":\"be58Mjz13q\",\"last_updated\":\"2027-05-29T00:00:00.001\"}]");
        JsonNode none = call("/v2/identity/buckets", "{\"since_timestamp\":\"2030-01-01T00:00:00\"}").json().get("body");
        assertThat(none.isArray()).isTrue();
        assertThat(none).isEmpty();
    }

    @Test
    void optOutStatusReportsRecordedRawUids() throws Exception {
        String leaver = call("/v2/identity/map", "{\"email\":[\"status.leaver@example.com\"]}").json().get("body")
                .get("mapped").get(0).get("advertising_id").asText();
        String ids = "{\"advertising_ids\":[\"" + leaver + "\",\"" + USER_RAW_UID + "\",\"" + leaver + "\"]}";
        // the test data ships no opt-outs
        assertThat(op.api.v2("/v2/optout/status", READER_KEY, READER_SECRET, ids).json().get("body").toString())
                .isEqualTo("{\"opted_out\":[]}");

        OptOutRecord record = OptOutRecords.forIdentity(op.node.state().snapshot(), op.node.operator().tokens(),
                DiiParser.parse(DiiKind.EMAIL, "status.leaver@example.com"), 1_700_000_000L);
        op.node.state().addOptOut(record);
        ApiClient.Reply r = op.api.v2("/v2/optout/status", READER_KEY, READER_SECRET, ids);
        JsonNode expected = new ObjectMapper().readTree("{\"opted_out\":["
                + "{\"advertising_id\":\"" + leaver + "\",\"opted_out_since\":1700000000000},"
                + "{\"advertising_id\":\"" + leaver + "\",\"opted_out_since\":1700000000000}]}");
        assertThat(r.json().get("body")).isEqualTo(expected);
        // exact text match: another text is not reported; MAPPER may ask too
        ApiClient.Reply other = call("/v2/optout/status", "{\"advertising_ids\":[\"" + leaver.toLowerCase() + "\"]}");
        assertThat(other.json().get("body").get("opted_out")).isEmpty();
        // and the identity is now unmapped as optout
        JsonNode map = call("/v2/identity/map", "{\"email\":[\"status.leaver@example.com\"]}").json().get("body");
        assertThat(map.get("mapped")).isEmpty();
        assertThat(map.get("unmapped").get(0).toString()).isEqualTo("{\"identifier\":\"status.leaver@example.com\",\"reason\":\"optout\"}");
    }
}
