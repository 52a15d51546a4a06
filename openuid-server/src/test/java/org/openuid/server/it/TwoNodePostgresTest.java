package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.DecryptionStatus;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import com.uid2.client.TokenGenerateResponse;
import com.uid2.client.TokenRefreshResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Role;
import org.openuid.core.model.Site;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.token.AdvertisingTokenCodec;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.ScheduledJob;
import org.openuid.store.ApiKeys;
import org.openuid.store.NewClientKey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-out on PostgreSQL: two nodes in this JVM on different ports over one schema, as two nodes behind a load
 * balancer (docs/deployment.md). Whatever is done through node A is in effect on node B. Runs in the PostgreSQL
 * test run ({@code OPENUID_TEST_POSTGRES} set), and then fails if PostgreSQL is unreachable.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = ".+")
@EnabledIfSystemProperty(named = TestStores.PROPERTY, matches = "postgres")
class TwoNodePostgresTest {
    /** Generous bound for "eventually"; the measured latencies are printed. */
    private static final long DEADLINE_MS = 10_000;

    private TestStores.Schema schema;
    private TestOperator a;
    private TestOperator b;

    @BeforeEach
    void createSchema() throws Exception {
        schema = TestStores.newSchema();
    }

    @AfterEach
    void stop() throws Exception {
        for (TestOperator n : new TestOperator[] {b, a}) {
            if (n == null) continue;
            try {
                n.close();
            } catch (RuntimeException ignored) {
                // a node killed by the test may fail to close cleanly
            }
        }
        schema.close();
    }

    /** Starts A and B at the same moment on the empty schema; returns the one that bootstrapped. */
    private TestOperator startBoth(Map<String, String> extra) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<TestOperator> fa = CompletableFuture.supplyAsync(() -> start("a", extra, go));
        CompletableFuture<TestOperator> fb = CompletableFuture.supplyAsync(() -> start("b", extra, go));
        go.countDown();
        a = fa.get(120, TimeUnit.SECONDS);
        b = fb.get(120, TimeUnit.SECONDS);
        boolean aBootstrapped = a.startupOutput.contains("Empty store");
        boolean bBootstrapped = b.startupOutput.contains("Empty store");
        assertThat(aBootstrapped ^ bBootstrapped).as("exactly one node bootstraps").isTrue();
        return aBootstrapped ? a : b;
    }

    private TestOperator start(String name, Map<String, String> extra, CountDownLatch go) {
        try {
            go.await();
            return TestOperator.on(schema.location() + "&ApplicationName=" + applicationName(name), extra,
                    System::currentTimeMillis);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String applicationName(String node) {
        return "openuid-it-" + node + "-" + schema.name().substring(schema.name().length() - 8);
    }

    @Test
    void nodesStartingTogetherOnAnEmptySchemaBootstrapItOnce() throws Exception {
        TestOperator first = startBoth(Map.of());
        TestOperator.Credentials gen = first.demo(Role.GENERATOR);
        assertThat(a.node.store().loadAll().clients()).hasSize(6);
        assertThat(a.node.state().snapshot().version()).isEqualTo(b.node.state().snapshot().version());
        for (TestOperator n : List.of(a, b)) {
            PublisherUid2Client p = new PublisherUid2Client(n.baseUrl, gen.key(), gen.secret());
            assertThat(p.generateTokenResponse(TokenGenerateInput.fromEmail("both@example.com")).isSuccess()).isTrue();
            assertThat(n.api.send("GET", "/ops/healthcheck", null, null).body()).asString().isEqualTo("OK");
        }
    }

    @Test
    void tokenGeneratedOnARefreshesAndDecryptsOnB() throws Exception {
        TestOperator first = startBoth(Map.of());
        TestOperator.Credentials gen = first.demo(Role.GENERATOR);
        TestOperator.Credentials reader = first.demo(Role.ID_READER);
        IdentityTokens onA = generate(a, gen, "roaming@example.com");
        TokenRefreshResponse onB = new PublisherUid2Client(b.baseUrl, gen.key(), gen.secret()).refreshToken(onA);
        assertThat(onB.isSuccess()).isTrue();
        BidstreamClient dsp = new BidstreamClient(b.baseUrl, reader.key(), reader.secret());
        assertThat(dsp.refresh().isSuccess()).isTrue();
        assertThat(dsp.decryptTokenIntoRawUid(onA.getAdvertisingToken(), null).getStatus()).isEqualTo(DecryptionStatus.SUCCESS);
        assertThat(dsp.decryptTokenIntoRawUid(onB.getIdentity().getAdvertisingToken(), null).getUid())
                .isEqualTo(dsp.decryptTokenIntoRawUid(onA.getAdvertisingToken(), null).getUid());
    }

    @Test
    void optOutRecordedOnAIsHonouredOnBWithinOneSecond() throws Exception {
        TestOperator first = startBoth(Map.of());
        TestOperator.Credentials gen = first.demo(Role.GENERATOR);
        IdentityTokens before = generate(b, gen, "optout.0@example.com");
        List<Long> latencies = measureOptOutPropagation(20, "optout");
        report("opt-out", "with NOTIFY", latencies);
        assertThat(median(latencies)).as("median A->B opt-out latency (ms)").isLessThan(1000);
        PublisherUid2Client onB = new PublisherUid2Client(b.baseUrl, gen.key(), gen.secret());
        assertThat(onB.generateTokenResponse(TokenGenerateInput.fromEmail("optout.0@example.com")).isOptout()).isTrue();
        assertThat(onB.refreshToken(before).isOptout()).isTrue();
    }

    @Test
    void clientCreatedOnAAuthenticatesOnB() throws Exception {
        startBoth(Map.of());
        List<Long> latencies = new ArrayList<>();
        NewClientKey last = null;
        for (int i = 0; i < 10; i++) {
            last = ApiKeys.create(100, "client " + i, EnumSet.of(Role.GENERATOR), System.currentTimeMillis() / 1000);
            String header = "Bearer " + last.apiKey();
            a.node.store().upsertClient(last.client());
            long acked = System.nanoTime();
            awaitTrue("client known on B", () -> b.node.state().snapshot().authenticator().fromAuthorizationHeader(header).isPresent());
            latencies.add((System.nanoTime() - acked) / 1_000_000);
        }
        report("client", "with NOTIFY", latencies);
        assertThat(median(latencies)).as("median A->B client latency (ms)").isLessThan(1000);
        PublisherUid2Client onB = new PublisherUid2Client(b.baseUrl, last.apiKey(), last.secretBase64());
        assertThat(onB.generateTokenResponse(TokenGenerateInput.fromEmail("new.client@example.com")).isSuccess()).isTrue();
    }

    @Test
    void keyRotationRunOnAIsUsedByB() throws Exception {
        startBoth(Map.of());
        long nowSec = System.currentTimeMillis() / 1000;
        int siteId = 201;
        a.node.store().upsertSite(new Site(siteId, "Rotated site", true, List.of("rotated.example"), List.of(), nowSec));
        int keysetId = a.node.store().nextKeysetId();
        a.node.store().upsertKeyset(new Keyset(keysetId, siteId, "Rotated site keyset", null, nowSec, true, true));
        NewClientKey client = ApiKeys.create(siteId, "rotated publisher", EnumSet.of(Role.GENERATOR), nowSec);
        a.node.store().upsertClient(client.client());
        awaitTrue("site keyset known on B", () -> b.node.state().snapshot().keyset(keysetId) != null
                && b.node.state().snapshot().authenticator().fromAuthorizationHeader("Bearer " + client.apiKey()).isPresent());
        assertThat(b.node.state().snapshot().siteKey(siteId, nowSec)).as("no key before the rotation").isNull();

        JobRunner.Outcome ran = a.node.jobs().runNow(ScheduledJob.of(JobRunner.KEY_ROTATION, a.node.keyRotation()::runOnce));
        assertThat(ran).isEqualTo(JobRunner.Outcome.RAN);
        KeysetKey created = a.node.store().loadAll().keys().stream().filter(k -> k.keysetId() == keysetId).findFirst()
                .orElseThrow(() -> new AssertionError("the rotation created no key for keyset " + keysetId));
        long acked = System.nanoTime();
        awaitTrue("rotated key in effect on B", () -> {
            KeysetKey k = b.node.state().snapshot().siteKey(siteId, System.currentTimeMillis() / 1000);
            return k != null && k.id() == created.id();
        });
        System.out.printf("A->B key rotation visible after %d ms%n", (System.nanoTime() - acked) / 1_000_000);
        IdentityTokens onB = generate(b, new TestOperator.Credentials(client.apiKey(), client.secretBase64(), siteId), "rotated@example.com");
        assertThat(AdvertisingTokenCodec.decode(onB.getAdvertisingToken(), b.node.state().snapshot()).siteKeyId())
                .isEqualTo(created.id());
    }

    @Test
    void withoutNotificationsPollingStillPropagates() throws Exception {
        Map<String, String> pollingOnly = new HashMap<>();
        pollingOnly.put("store_notifications", "false");
        pollingOnly.put("snapshot_poll_millis", "1000");
        startBoth(pollingOnly);
        assertThat(b.node.state().changeNotificationsConnected()).isFalse();
        List<Long> latencies = measureOptOutPropagation(10, "polled");
        report("opt-out", "polling only, snapshot_poll_millis=1000", latencies);
        List<Long> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            NewClientKey k = ApiKeys.create(100, "polled client " + i, EnumSet.of(Role.GENERATOR), System.currentTimeMillis() / 1000);
            a.node.store().upsertClient(k.client());
            long acked = System.nanoTime();
            awaitTrue("client known on B", () -> b.node.state().snapshot().authenticator()
                    .fromAuthorizationHeader("Bearer " + k.apiKey()).isPresent());
            clients.add((System.nanoTime() - acked) / 1_000_000);
        }
        report("client", "polling only, snapshot_poll_millis=1000", clients);
    }

    @Test
    void scheduledJobsRunOnOneNodeAtATime() throws Exception {
        startBoth(Map.of());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        ScheduledJob job = ScheduledJob.of("it-exclusive", now -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            runs.incrementAndGet();
        });
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (TestOperator n : List.of(a, b, a, b)) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 15; i++) n.node.jobs().runNow(job);
            }));
        }
        CompletableFuture.allOf(workers.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        assertThat(maxRunning.get()).as("jobs running at once").isEqualTo(1);
        assertThat(runs.get()).isPositive();
        assertThat(a.node.jobs().skipped() + b.node.jobs().skipped()).isPositive();
    }

    @Test
    void killingALosesNothingAcknowledgedAndBTakesOverItsJobs() throws Exception {
        TestOperator first = startBoth(Map.of());
        TestOperator.Credentials gen = first.demo(Role.GENERATOR);
        IdentityTokens fromA = generate(a, gen, "survivor@example.com");

        // A holds a job's lock while it is killed
        CountDownLatch jobStarted = new CountDownLatch(1);
        CountDownLatch releaseJob = new CountDownLatch(1);
        ScheduledJob longJob = ScheduledJob.of("it-takeover", now -> {
            jobStarted.countDown();
            try {
                releaseJob.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<JobRunner.Outcome> onA = CompletableFuture.supplyAsync(() -> a.node.jobs().runNow(longJob));
        assertThat(jobStarted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.node.jobs().runNow(ScheduledJob.of("it-takeover", now -> { }))).isEqualTo(JobRunner.Outcome.HELD_ELSEWHERE);

        // opt-outs keep being recorded through A until it dies
        List<OptOutRecord> acknowledged = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; writing.get() && i < 100_000; i++) {
                OptOutRecord r = record(a, "kill." + i + "@example.com");
                try {
                    a.node.state().addOptOut(r);
                } catch (RuntimeException e) {
                    return;
                }
                acknowledged.add(r);
            }
        });
        awaitTrue("opt-outs acknowledged by A", () -> acknowledged.size() >= 25);

        // kill A: its pool is gone and PostgreSQL drops every session it had, mid-transaction or not
        a.node.store().close();
        int killed = terminateSessions(applicationName("a"));
        writing.set(false);
        writer.get(60, TimeUnit.SECONDS);
        assertThat(killed).isPositive();
        List<OptOutRecord> acked = List.copyOf(acknowledged);
        System.out.printf("killed A after %d acknowledged opt-outs (%d sessions terminated)%n", acked.size(), killed);

        awaitTrue("every acknowledged opt-out honoured on B", () -> {
            for (OptOutRecord r : acked) if (b.node.state().optOuts().optedOutSince(r.firstLevelHash()) < 0) return false;
            return true;
        });
        PublisherUid2Client onB = new PublisherUid2Client(b.baseUrl, gen.key(), gen.secret());
        assertThat(onB.refreshToken(fromA).isSuccess()).isTrue();
        assertThat(onB.generateTokenResponse(TokenGenerateInput.fromEmail("kill.0@example.com")).isOptout()).isTrue();

        AtomicInteger takeover = new AtomicInteger();
        awaitTrue("B takes the job lock A held", () -> b.node.jobs().runNow(ScheduledJob.of("it-takeover",
                now -> takeover.incrementAndGet())) == JobRunner.Outcome.RAN);
        assertThat(takeover.get()).isEqualTo(1);
        releaseJob.countDown();
        onA.get(60, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ helpers

    /** Records {@code n} opt-outs through A and returns, for each, the ms from A's acknowledgement to B honouring it. */
    private List<Long> measureOptOutPropagation(int n, String prefix) throws Exception {
        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OptOutRecord r = record(a, prefix + "." + i + "@example.com");
            a.node.state().addOptOut(r);
            long acked = System.nanoTime();
            awaitTrue("opt-out honoured on B", () -> b.node.state().optOuts().optedOutSince(r.firstLevelHash()) >= 0);
            latencies.add((System.nanoTime() - acked) / 1_000_000);
        }
        return latencies;
    }

    private static OptOutRecord record(TestOperator n, String email) {
        return OptOutRecords.forIdentity(n.node.state().snapshot(), n.node.operator().tokens(),
                DiiParser.parse(DiiKind.EMAIL, email), System.currentTimeMillis() / 1000);
    }

    private static IdentityTokens generate(TestOperator n, TestOperator.Credentials c, String email) {
        TokenGenerateResponse r = new PublisherUid2Client(n.baseUrl, c.key(), c.secret())
                .generateTokenResponse(TokenGenerateInput.fromEmail(email));
        assertThat(r.isSuccess()).isTrue();
        return r.getIdentity();
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + DEADLINE_MS + " ms");
            Thread.sleep(1);
        }
    }

    private static int terminateSessions(String applicationName) throws Exception {
        try (Connection c = DriverManager.getConnection(TestStores.postgresUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = '" + applicationName + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void report(String what, String how, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("A->B %s propagation (%s): median %d ms, min %d ms, max %d ms over %d changes%n", what, how,
                median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
