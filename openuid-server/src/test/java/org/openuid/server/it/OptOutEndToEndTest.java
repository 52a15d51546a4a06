package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.uid2.client.IdentityTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.server.it.OptOutChecks.Who;
import org.openuid.store.OptOutEntry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user opted out through POST /v2/token/logout, {@code openuid admin optout add} and a bulk
 * {@code openuid admin optout import} is then treated as opted out by every endpoint: token generate, client-side
 * generate, refresh of tokens issued before (through the SDK's PublisherUid2Client), identity map v2 and v3, and
 * /v2/optout/status (spec keys-and-data.md §7.2, endpoints.md §13).
 */
class OptOutEndToEndTest {
    static TestOperator op;
    static OptOutChecks checks;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped();
        checks = new OptOutChecks(op);
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    static String emailHash(String email) {
        return Who.email(email).hash();
    }

    static String phoneHash(String phone) {
        return Who.phone(phone).hash();
    }

    private static long optOutRows() {
        return op.node.store().optOutsAfter(0, 1_000_000).size();
    }

    /**
     * Runs a direct-store command: on PostgreSQL while the node runs (it takes the change through its poll); on the
     * embedded store, which a running node holds alone, with the node stopped and then started again.
     */
    private static void withStoreToItself(TestOperator.WhileStopped work) throws Exception {
        if (TestStores.postgres()) {
            work.run();
        } else {
            op = op.restartAfter(work);
            checks = new OptOutChecks(op);
        }
    }

    @Test
    void logoutOfEveryInputKindIsHonouredEverywhereAtOnce() throws Exception {
        for (Who who : List.of(Who.email("logout.user@example.com"), Who.phone("+15550001001"),
                Who.emailHash(emailHash("logout.hashed@example.com")), Who.phoneHash(phoneHash("+15550001002")))) {
            IdentityTokens before = checks.tokens(who);
            String rawUid = checks.rawUid(who);
            long t0 = System.currentTimeMillis();
            ApiClient.Reply r = checks.logout(who);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().toString()).isEqualTo("{\"body\":{\"optout\":\"OK\"},\"status\":\"success\"}");
            // no poll: the 200 means durable and honoured by this node
            checks.assertOptedOutEverywhere(who, before, rawUid, t0);
        }
    }

    @Test
    void logoutMatchesEverySpellingOfTheSameUser() throws Exception {
        Who gmail = Who.email("Jane.Doe+News@Gmail.com");
        IdentityTokens before = checks.tokens(Who.email("janedoe@gmail.com"));
        assertThat(checks.logout(gmail).status()).isEqualTo(200);
        checks.assertOptedOutEverywhere(Who.emailHash(emailHash("janedoe@gmail.com")), before, null, 0);
        String hex = HexFormat.of().formatHex(DiiParser.parse(DiiKind.EMAIL, "JANEDOE@gmail.com").identityHash());
        checks.assertOptedOutEverywhere(Who.emailHash(hex), null, null, 0);
    }

    @Test
    void repeatedLogoutIsAcknowledgedAndAddsNothing() throws Exception {
        Who who = Who.email("twice@example.com");
        String rawUid = checks.rawUid(who);
        assertThat(checks.logout(who).status()).isEqualTo(200);
        long since = checks.optOutStatus(rawUid);
        long rows = optOutRows();
        assertThat(checks.logout(who).status()).isEqualTo(200);
        assertThat(checks.logout(Who.email("TWICE@example.com")).status()).isEqualTo(200);
        assertThat(optOutRows()).isEqualTo(rows);
        assertThat(checks.optOutStatus(rawUid)).isEqualTo(since);
    }

    @Test
    void adminAddIsHonouredEverywhere() throws Exception {
        Who email = Who.email("admin.added@example.com");
        Who phoneHash = Who.phoneHash(phoneHash("+15550003003"));
        IdentityTokens emailTokens = checks.tokens(email);
        IdentityTokens phoneTokens = checks.tokens(phoneHash);
        String emailRaw = checks.rawUid(email);
        String phoneRaw = checks.rawUid(phoneHash);
        long t0 = System.currentTimeMillis();
        CliRun a = CliRun.run(AdminHttp.cli(op, "optout", "add", "--email", "admin.added@example.com"));
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(a.json().get("advertising_id").asText()).isEqualTo(emailRaw);
        CliRun b = CliRun.run(AdminHttp.cli(op, "optout", "add", "--phone-hash", phoneHash.value()));
        assertThat(b.exitCode()).as(b.err()).isZero();
        op.node.state().poll();
        checks.assertOptedOutEverywhere(email, emailTokens, emailRaw, t0);
        checks.assertOptedOutEverywhere(phoneHash, phoneTokens, phoneRaw, t0);
    }

    @Test
    void adminAddRejectsBadInputWithoutEchoingIt() throws Exception {
        CliRun bad = CliRun.run(AdminHttp.cli(op, "optout", "add", "--email", "not-an-email"));
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("invalid email").doesNotContain("not-an-email");
        CliRun raw = CliRun.run(AdminHttp.cli(op, "optout", "add", "--raw-uid", "abc"));
        assertThat(raw.exitCode()).isEqualTo(1);
        assertThat(raw.err()).contains("invalid raw_uid");
        CliRun two = CliRun.run(AdminHttp.cli(op, "optout", "add", "--email", "a@example.com", "--phone", "+15550009999"));
        assertThat(two.exitCode()).isEqualTo(2);
    }

    @Test
    void bulkImportIsHonouredEverywhereAndIdempotent() throws Exception {
        Who email = Who.email("import.one@example.com");
        Who phone = Who.phone("+15550002001");
        Who emailHash = Who.emailHash(emailHash("import.two@example.com"));
        Who phoneHex = Who.phoneHash(HexFormat.of().formatHex(DiiParser.parse(DiiKind.PHONE, "+15550002002").identityHash()));
        Who rawOnly = Who.email("raw.only@example.com");
        IdentityTokens emailTokens = checks.tokens(email);
        IdentityTokens phoneTokens = checks.tokens(phone);
        IdentityTokens hashTokens = checks.tokens(emailHash);
        String rawOnlyUid = checks.rawUid(rawOnly);
        String[] raws = {checks.rawUid(email), checks.rawUid(phone), checks.rawUid(emailHash), checks.rawUid(phoneHex)};
        Path file = op.dir.resolve("optouts.txt");
        Files.writeString(file, String.join("\n",
                "import.one@example.com",
                "+15550002001",
                "email_hash," + emailHash.value(),
                "phone_hash," + phoneHex.value(),
                "raw_uid," + rawOnlyUid,
                "not an identifier",
                "email,broken@@example",
                "",
                "+1") + "\n", StandardCharsets.UTF_8);
        long t0 = System.currentTimeMillis();
        long rowsBefore = optOutRows();

        if (!TestStores.postgres()) {
            // the embedded store belongs to the running node alone: the bulk import asks for it to be stopped
            CliRun refused = CliRun.run("admin", "optout", "import", file.toString(), "--store", op.store);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err()).contains("the store " + Path.of(op.store).toAbsolutePath().normalize()
                    + " is in use by a running node (pid " + ProcessHandle.current().pid() + "): stop it first",
                    "openuid admin optout add");
            assertThat(optOutRows()).isEqualTo(rowsBefore);
        }
        CliRun[] runs = new CliRun[1];
        withStoreToItself(() -> runs[0] = CliRun.run("admin", "optout", "import", file.toString(), "--store", op.store));
        CliRun first = runs[0];
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode summary = first.json();
        assertThat(summary.get("complete").asBoolean()).isTrue();
        assertThat(summary.get("already_imported").asBoolean()).isFalse();
        assertThat(summary.get("lines").asLong()).isEqualTo(9);
        assertThat(summary.get("opted_out").asLong()).isEqualTo(5);
        assertThat(summary.get("already_opted_out").asLong()).isZero();
        assertThat(summary.get("invalid").asLong()).isEqualTo(3);
        assertThat(first.err()).contains("line 6: cannot tell the identifier type", "line 7: invalid email (skipped)",
                "line 9: invalid phone (skipped)", "100.0%").doesNotContain("broken@@example", "not an identifier");
        assertThat(optOutRows()).isEqualTo(rowsBefore + 5);

        op.node.state().poll();
        checks.assertOptedOutEverywhere(email, emailTokens, raws[0], t0);
        checks.assertOptedOutEverywhere(phone, phoneTokens, raws[1], t0);
        checks.assertOptedOutEverywhere(emailHash, hashTokens, raws[2], t0);
        checks.assertOptedOutEverywhere(phoneHex, null, raws[3], t0);
        // a raw-UID-only opt-out is reported by /v2/optout/status; DII-based endpoints cannot match it
        assertThat(checks.optOutStatus(rawOnlyUid)).isGreaterThanOrEqualTo(t0 / 1000 * 1000);
        assertThat(checks.publisher.generateTokenResponse(rawOnly.generateInput()).isSuccess()).isTrue();

        Path copy = op.dir.resolve("optouts-copy.txt");
        Files.writeString(copy, "IMPORT.ONE@example.com\r\n+15550002001\r\n", StandardCharsets.UTF_8);
        CliRun[] later = new CliRun[2];
        withStoreToItself(() -> {
            later[0] = CliRun.run("admin", "optout", "import", file.toString(), "--store", op.store);
            // the same identities in another file: read, but nothing changes
            later[1] = CliRun.run("admin", "optout", "import", copy.toString(), "--store", op.store, "--type", "auto");
        });
        CliRun again = later[0];
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.json().get("already_imported").asBoolean()).isTrue();
        assertThat(again.err()).contains("imported completely before");
        assertThat(optOutRows()).isEqualTo(rowsBefore + 5);

        CliRun other = later[1];
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(other.json().get("opted_out").asLong()).isZero();
        assertThat(other.json().get("already_opted_out").asLong()).isEqualTo(2);
        assertThat(optOutRows()).isEqualTo(rowsBefore + 5);
    }

    @Test
    void unrelatedUsersAreNotAffected() throws Exception {
        checks.logout(Who.email("neighbour.left@example.com"));
        checks.assertNotOptedOut(Who.email("neighbour.stayed@example.com"));
        checks.assertNotOptedOut(Who.phone("+15550004004"));
        List<OptOutEntry> all = op.node.store().optOutsAfter(0, 1_000_000);
        assertThat(all).isNotEmpty();
    }
}
