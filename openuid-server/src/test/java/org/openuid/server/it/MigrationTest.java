package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.StoreFactory;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.SnapshotLoader;
import org.openuid.store.Store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration of docs/migration.md: a reference deployment's core data ({@code testdata/uid2-core-test}, with the
 * reference's own opt-out test file in its {@code optout} folder) and a set of opt-out delta and partition files
 * (written here from the spec's byte layout: both record versions and the two sentinels) imported with the command
 * line; then every opted-out identity answers {@code optout} through the official SDK (token generate, identity map v2
 * and v3) and {@code /v2/optout/status} reports the time of its record.
 */
class MigrationTest {
    /** The all-roles test client of site 999 (spec keys-and-data.md §3). */
    static final String KEY = "UID2-C-L-999-fCXrMM.fsR3mDqAXELtWWMS+xG1s7RdgRTMqdOH2qaAo=";
    static final String SECRET = "DzBzbjTJcYL0swDtFs2krRNu+g1Eokm2tBU4dEuD0Wk=";
    static final Base64.Encoder B64 = Base64.getEncoder();

    static Path work;
    static TestStores.Schema schema;
    static String store;
    static TestOperator op;
    static PublisherUid2Client publisher;
    static IdentityMapClient mapV2;
    static IdentityMapV3Client mapV3;
    static JsonNode coreImport;
    static JsonNode fileImport;
    /** Advertising ids written into the files, by identity. */
    static String alice;
    static String phone;
    static String bob33;
    static String carol;
    static String dave;

    @BeforeAll
    static void migrate() throws Exception {
        work = Files.createTempDirectory("openuid-migration");
        schema = TestStores.postgres() ? TestStores.newSchema() : null;
        store = schema == null ? work.resolve("data").toString() : schema.location();

        CliRun core = CliRun.run("import", TestOperator.CORE_TEST_DATA.toString(), "--store", store, "--no-progress");
        assertThat(core.exitCode()).as(core.err()).isZero();
        coreImport = core.json();

        Path files = work.resolve("optout-files");
        try (Store s = StoreFactory.openExisting(OperatorConfig.fromSettings(Map.of("store", store)))) {
            Snapshot snap = SnapshotLoader.load(s);
            TokenService tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
            byte[] aliceFlh = flh(snap, DiiKind.EMAIL, "alice@example.com");
            byte[] phoneFlh = flh(snap, DiiKind.PHONE, "+15551234567");
            byte[] bobFlh = flh(snap, DiiKind.EMAIL, "bob@example.com");
            byte[] carolFlh = flh(snap, DiiKind.EMAIL, "carol@example.com");
            byte[] daveFlh = flh(snap, DiiKind.EMAIL, "dave@example.com");
            byte[] aliceId = tokens.rawUid(snap, aliceFlh, IdentityType.EMAIL);
            byte[] phoneId = tokens.rawUid(snap, phoneFlh, IdentityType.PHONE);
            byte[] bobId = new byte[33];
            bobId[0] = 0x21;
            System.arraycopy(tokens.rawUid(snap, bobFlh, IdentityType.EMAIL), 0, bobId, 1, 32);
            byte[] carolId = tokens.rawUid(snap, carolFlh, IdentityType.EMAIL);
            byte[] daveId = new byte[32];
            java.util.Arrays.fill(daveId, (byte) 0x5A);
            alice = B64.encodeToString(aliceId);
            phone = B64.encodeToString(phoneId);
            bob33 = B64.encodeToString(bobId);
            carol = B64.encodeToString(carolId);
            dave = B64.encodeToString(daveId);
            new SpecOptOutFile().zeroSentinel(1_700_000_000L)
                    .record(aliceFlh, aliceId, 1_700_000_100L)
                    .record(bobFlh, bobId, 1_700_000_200L)
                    .record(carolFlh, carolId, 1_700_000_900L)
                    .onesSentinel(1_700_000_950L)
                    .write(files.resolve("delta"), "optout-delta-001_2023-11-14T22.30.00Z_1a2b3c4d.dat");
            new SpecOptOutFile().write(files.resolve("delta"), "optout-delta-001_2023-11-14T22.45.00Z_00000000.dat");
            new SpecOptOutFile().zeroSentinel(1_690_000_000L)
                    .record(phoneFlh, phoneId, 1_690_000_000L)
                    .record(carolFlh, carolId, 1_690_000_500L)
                    .record(daveFlh, daveId, 1_690_000_600L)
                    .onesSentinel(1_690_000_700L)
                    .write(files.resolve("partition"), "optout-partition-001_2023-07-22T04.26.40Z_5e6f7a8b.dat");
        }
        CliRun optOuts = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", files.toString(),
                "--store", store, "--no-progress");
        assertThat(optOuts.exitCode()).as(optOuts.err()).isZero();
        fileImport = optOuts.json();

        op = TestOperator.on(store, Map.of(), System::currentTimeMillis);
        publisher = new PublisherUid2Client(op.baseUrl, KEY, SECRET);
        mapV2 = new IdentityMapClient(op.baseUrl, KEY, SECRET);
        mapV3 = new IdentityMapV3Client(op.baseUrl, KEY, SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        if (op != null) op.close();
        if (schema != null) schema.close();
    }

    private static byte[] flh(Snapshot s, DiiKind kind, String value) {
        return TokenService.firstLevelHash(s, DiiParser.parse(kind, value));
    }

    @Test
    void theImportsReportWhatTheyRead() {
        JsonNode shipped = coreImport.get("optout");
        assertThat(shipped.get("files").asInt()).isEqualTo(2);
        assertThat(shipped.get("records").asLong()).isEqualTo(11);
        assertThat(shipped.get("sentinels").asLong()).isEqualTo(2);
        assertThat(shipped.get("opted_out").asLong()).isEqualTo(1);
        assertThat(shipped.get("already_opted_out").asLong()).isEqualTo(8);
        assertThat(fileImport.get("files").asInt()).isEqualTo(3);
        assertThat(fileImport.get("records").asLong()).isEqualTo(10);
        assertThat(fileImport.get("sentinels").asLong()).isEqualTo(4);
        assertThat(fileImport.get("opted_out").asLong()).isEqualTo(5);
        assertThat(fileImport.get("already_opted_out").asLong()).as("carol's second record").isEqualTo(1);
        assertThat(fileImport.get("unmatched_advertising_id").asLong()).as("bob's 33-byte id and dave's").isEqualTo(2);
    }

    @Test
    void everyOptedOutIdentityAnswersOptoutThroughTheSdk() {
        for (TokenGenerateInput in : List.of(TokenGenerateInput.fromEmail("local-mock-optout@example.com"),
                TokenGenerateInput.fromEmail("alice@example.com"), TokenGenerateInput.fromPhone("+15551234567"),
                TokenGenerateInput.fromEmail("bob@example.com"), TokenGenerateInput.fromEmail("carol@example.com"),
                TokenGenerateInput.fromEmail("dave@example.com"))) {
            assertThat(publisher.generateTokenResponse(in).isOptout()).isTrue();
        }
        List<String> emails = List.of("local-mock-optout@example.com", "alice@example.com", "bob@example.com",
                "carol@example.com", "dave@example.com");
        IdentityMapResponse v2 = mapV2.generateIdentityMap(IdentityMapInput.fromEmails(emails));
        assertThat(v2.getMappedIdentities()).isEmpty();
        for (String e : emails) assertThat(v2.getUnmappedIdentities().get(e).getReason()).isEqualTo("optout");
        IdentityMapResponse v2Phone = mapV2.generateIdentityMap(IdentityMapInput.fromPhones(List.of("+15551234567")));
        assertThat(v2Phone.getUnmappedIdentities().get("+15551234567").getReason()).isEqualTo("optout");
        IdentityMapV3Response v3 = mapV3.generateIdentityMap(IdentityMapV3Input.fromEmails(emails).withPhone("+15551234567"));
        assertThat(v3.getMappedIdentities()).isEmpty();
        assertThat(v3.getUnmappedIdentities()).hasSize(6);
        v3.getUnmappedIdentities().values().forEach(u -> assertThat(u.getReason()).isEqualTo(UnmappedIdentityReason.OPTOUT));
    }

    @Test
    void optOutStatusReportsTheTimeOfTheRecord() throws Exception {
        assertThat(status("/Khu5o9fAkpjqfO5uznHza8ljPQSiBjRAKCcLOiwK4A=")).as("the reference's test file").isEqualTo(1_702_039_207_000L);
        assertThat(status(alice)).isEqualTo(1_700_000_100_000L);
        assertThat(status(phone)).isEqualTo(1_690_000_000_000L);
        assertThat(status(bob33)).as("record version 1").isEqualTo(1_700_000_200_000L);
        assertThat(status(carol)).as("the earliest of two records").isEqualTo(1_690_000_500_000L);
        assertThat(status(dave)).isEqualTo(1_690_000_600_000L);
    }

    @Test
    void identitiesThatDidNotOptOutAreServedAndSentinelsOptNobodyOut() throws Exception {
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("erin@example.com")).isSuccess()).isTrue();
        IdentityMapResponse v2 = mapV2.generateIdentityMap(IdentityMapInput.fromEmails(List.of("erin@example.com")));
        assertThat(v2.getMappedIdentities()).containsKey("erin@example.com");
        assertThat(status(B64.encodeToString(new byte[32]))).isEqualTo(-1);
    }

    /** opted_out_since (ms) reported by /v2/optout/status, -1 when not reported. */
    private static long status(String advertisingId) throws Exception {
        ApiClient.Reply r = op.api.v2("/v2/optout/status", KEY, SECRET, "{\"advertising_ids\":[\"" + advertisingId + "\"]}");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode list = r.json().get("body").get("opted_out");
        return list.isEmpty() ? -1 : list.get(0).get("opted_out_since").asLong();
    }
}
