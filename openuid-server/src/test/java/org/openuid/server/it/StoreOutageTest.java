package org.openuid.server.it;

import com.uid2.client.BidstreamClient;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Role;
import org.openuid.core.service.OptOutRecords;
import org.openuid.server.api.ops.HealthcheckHandler;
import org.openuid.server.api.v2.TokenLogoutHandler;
import org.openuid.store.ApiKeys;
import org.openuid.store.NewClientKey;
import org.openuid.store.Store;
import org.openuid.store.Stores;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node whose PostgreSQL goes away (docs/deployment.md, "Store outages"): the node reaches PostgreSQL through a
 * TCP proxy that the test cuts and restores. While cut, the node serves from its snapshot and reports itself
 * degraded; when the keys or salts it holds expire it fails closed; when PostgreSQL is back it resumes by itself
 * and picks up what changed meanwhile. Runs in the PostgreSQL test run and fails if PostgreSQL is unreachable.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = ".+")
@EnabledIfSystemProperty(named = TestStores.PROPERTY, matches = "postgres")
class StoreOutageTest {
    private static final long DEADLINE_MS = 30_000;

    private TestStores.Schema schema;
    private TcpProxy proxy;
    private TestOperator op;
    private Store direct;

    @BeforeEach
    void start() throws Exception {
        schema = TestStores.newSchema();
        URI target = URI.create(TestStores.postgresUrl().substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() > 0 ? target.getPort() : 5432);
        direct = Stores.open(schema.location());
    }

    private void startNode(Map<String, String> extra) throws Exception {
        URI target = URI.create(TestStores.postgresUrl().substring("jdbc:".length()));
        String viaProxy = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        op = TestOperator.on(schema.location(viaProxy), extra, System::currentTimeMillis);
    }

    @AfterEach
    void stop() throws Exception {
        if (op != null) op.close();
        if (direct != null) direct.close();
        if (proxy != null) proxy.close();
        schema.close();
    }

    @Test
    void keepsServingFromItsSnapshotWhileDownAndResumesByItself() throws Exception {
        startNode(Map.of());
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        TestOperator.Credentials reader = op.demo(Role.ID_READER);
        PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("steady@example.com")).getIdentity();
        assertThat(health().body()).asString(StandardCharsets.UTF_8).isEqualTo("OK");

        proxy.cut();
        long cut = System.nanoTime();
        awaitTrue("degraded health", () -> bodyOf(health()).startsWith("DEGRADED: store unreachable"));
        System.out.printf("store outage reported after %d ms%n", (System.nanoTime() - cut) / 1_000_000);
        HttpResponse<byte[]> degraded = health();
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.headers().firstValue(HealthcheckHandler.HEADER)).contains("degraded");
        assertThat(op.node.state().health().keysUsable()).isTrue();
        assertThat(metrics()).contains("openuid_health_status 1.0").contains("openuid_store_refresh_failing 1.0");

        // requests keep succeeding from the snapshot
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("during@example.com")).isSuccess()).isTrue();
        assertThat(publisher.refreshToken(before).isSuccess()).isTrue();
        assertThat(new BidstreamClient(op.baseUrl, reader.key(), reader.secret()).refresh().isSuccess()).isTrue();
        // an opt-out through this node cannot be made durable, so it is not acknowledged
        assertThatThrownBy(() -> op.node.state().addOptOut(record("refused@example.com"))).isInstanceOf(RuntimeException.class);
        // and through the API the logout answers a clear 503 (retry), never a 200 that could be lost
        TestOperator.Credentials optout = op.demo(Role.OPTOUT);
        ApiClient.Reply logout = op.api.v2("/v2/token/logout", optout.key(), optout.secret(), "{\"email\":\"refused.api@example.com\"}");
        assertThat(logout.status()).isEqualTo(503);
        assertThat(logout.plainJson().get("message").asText()).isEqualTo(TokenLogoutHandler.NOT_RECORDED);

        // changes made elsewhere while this node cannot see the store
        NewClientKey added = ApiKeys.create(100, "added while down", EnumSet.of(Role.GENERATOR), System.currentTimeMillis() / 1000);
        direct.upsertClient(added.client());
        direct.addOptOut(record("while.down@example.com"));
        assertThat(op.api.v2("/v2/token/generate", added.apiKey(), added.secretBase64(), "{\"email\":\"x@example.com\"}").status())
                .as("unknown to the node while the store is down").isEqualTo(401);

        proxy.restore();
        long restored = System.nanoTime();
        awaitTrue("healthy again", () -> bodyOf(health()).equals("OK"));
        System.out.printf("store recovery noticed after %d ms%n", (System.nanoTime() - restored) / 1_000_000);
        assertThat(metrics()).contains("openuid_health_status 0.0");
        PublisherUid2Client addedClient = new PublisherUid2Client(op.baseUrl, added.apiKey(), added.secretBase64());
        assertThat(addedClient.generateTokenResponse(TokenGenerateInput.fromEmail("after@example.com")).isSuccess()).isTrue();
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("while.down@example.com")).isOptout()).isTrue();
        op.node.state().addOptOut(record("after.recovery@example.com"));

        // notifications are back too: a change elsewhere arrives without waiting for a poll
        awaitTrue("notifications reconnected", () -> op.node.state().changeNotificationsConnected());
        OptOutRecord later = record("later@example.com");
        direct.addOptOut(later);
        long acked = System.nanoTime();
        awaitTrue("later opt-out honoured", () -> op.node.state().optOuts().optedOutSince(later.firstLevelHash()) >= 0);
        System.out.printf("after recovery, a change elsewhere arrived in %d ms%n", (System.nanoTime() - acked) / 1_000_000);
    }

    @Test
    void failsClosedOnceTheSaltsItHoldsExpireAndRecovers() throws Exception {
        Map<String, String> extra = new HashMap<>();
        extra.put("store_max_staleness_seconds", "2");
        startNode(extra);
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
        IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("closing@example.com")).getIdentity();

        proxy.cut();
        awaitTrue("fails closed", () -> health().statusCode() == 503);
        HttpResponse<byte[]> closed = health();
        assertThat(bodyOf(closed)).startsWith("unhealthy: salts expired");
        assertThat(metrics()).contains("openuid_health_status 2.0");
        assertThat(closed.headers().firstValue(HealthcheckHandler.HEADER)).contains("unavailable");
        ApiClient.Reply refused = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"closing@example.com\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.plainJson().get("status").asText()).isEqualTo("unknown");
        assertThat(refused.plainJson().get("message").asText()).startsWith("Service unavailable: salts expired");
        HttpResponse<byte[]> refresh = op.api.send("POST", "/v2/token/refresh", "text/plain",
                before.getRefreshToken().getBytes(StandardCharsets.UTF_8));
        assertThat(refresh.statusCode()).isEqualTo(503);

        proxy.restore();
        awaitTrue("healthy again", () -> bodyOf(health()).equals("OK"));
        assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("closing@example.com")).isSuccess()).isTrue();
        assertThat(publisher.refreshToken(before).isSuccess()).isTrue();
    }

    private OptOutRecord record(String email) {
        return OptOutRecords.forIdentity(op.node.state().snapshot(), op.node.operator().tokens(),
                DiiParser.parse(DiiKind.EMAIL, email), System.currentTimeMillis() / 1000);
    }

    private HttpResponse<byte[]> health() {
        try {
            return op.api.send("GET", "/ops/healthcheck", null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String metrics() throws Exception {
        return bodyOf(new ApiClient("http://127.0.0.1:" + op.node.opsPort()).send("GET", "/metrics", null, null));
    }

    private static String bodyOf(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DEADLINE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within " + DEADLINE_MS + " ms");
            Thread.sleep(10);
        }
    }
}
