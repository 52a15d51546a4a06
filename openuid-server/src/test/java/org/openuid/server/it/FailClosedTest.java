package org.openuid.server.it;

import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.openuid.server.api.ops.HealthcheckHandler;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Degraded service and failing closed (docs/deployment.md, "Store outages"), on whichever store the tests run on:
 * a node whose store cannot be read keeps serving and says it is degraded; a node whose keys or salts expired
 * answers 503 on the healthcheck and on the token endpoints.
 */
class FailClosedTest {
    private static final long YEAR_MS = 365L * 24 * 3600 * 1000;

    @Test
    void failsClosedWhenTheKeysItHoldsExpireAndRecoversWhenTheyAreActiveAgain() throws Exception {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        try (TestOperator op = TestOperator.bootstrapped(Map.of(), clock::get)) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            TestOperator.Credentials mapper = op.demo(Role.MAPPER);
            PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
            IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("expiring@example.com")).getIdentity();

            clock.addAndGet(11 * YEAR_MS);
            HttpResponse<byte[]> health = op.api.send("GET", "/ops/healthcheck", null, null);
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(text(health)).isEqualTo("unhealthy: no active master key");
            assertThat(health.headers().firstValue(HealthcheckHandler.HEADER)).contains("unavailable");

            ApiClient.Reply generate = op.api.v2("/v2/token/generate", gen.key(), gen.secret(),
                    "{\"email\":\"expiring@example.com\"}", clock.get(), false);
            assertThat(generate.status()).isEqualTo(503);
            assertThat(generate.plainJson().get("status").asText()).isEqualTo("unknown");
            assertThat(generate.plainJson().get("message").asText()).isEqualTo("Service unavailable: no active master key");
            HttpResponse<byte[]> refresh = op.api.send("POST", "/v2/token/refresh", "text/plain",
                    before.getRefreshToken().getBytes(StandardCharsets.UTF_8));
            assertThat(refresh.statusCode()).isEqualTo(503);
            assertThat(text(refresh)).contains("\"status\":\"unknown\"").contains("Service unavailable: no active master key");
            ApiClient.Reply validate = op.api.v2("/v2/token/validate", gen.key(), gen.secret(),
                    "{\"token\":\"" + before.getAdvertisingToken() + "\",\"email\":\"expiring@example.com\"}", clock.get(), false);
            assertThat(validate.status()).isEqualTo(503);
            // mapping needs salts only, and they are current
            ApiClient.Reply map = op.api.v2("/v2/identity/map", mapper.key(), mapper.secret(),
                    "{\"email\":[\"expiring@example.com\"]}", clock.get(), false);
            assertThat(map.status()).isEqualTo(200);

            clock.set(System.currentTimeMillis());
            assertThat(text(op.api.send("GET", "/ops/healthcheck", null, null))).isEqualTo("OK");
            assertThat(publisher.refreshToken(before).isSuccess()).isTrue();
        }
    }

    @Test
    void keepsServingDegradedWhenTheStoreCannotBeRead() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped()) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
            IdentityTokens before = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("degraded@example.com")).getIdentity();

            op.node.store().close();
            awaitTrue("degraded", () -> text(health(op)).startsWith("DEGRADED: store unreachable since "));
            HttpResponse<byte[]> health = health(op);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue(HealthcheckHandler.HEADER)).contains("degraded");
            assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("degraded@example.com")).isSuccess()).isTrue();
            assertThat(publisher.refreshToken(before).isSuccess()).isTrue();
        }
    }

    @Test
    void failsClosedWhenItsSaltsExpireWithoutTheStore() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped(Map.of("store_max_staleness_seconds", "1"), System::currentTimeMillis)) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            TestOperator.Credentials mapper = op.demo(Role.MAPPER);
            assertThat(text(health(op))).isEqualTo("OK");

            op.node.store().close();
            awaitTrue("fails closed", () -> health(op).statusCode() == 503);
            assertThat(text(health(op))).startsWith("unhealthy: salts expired: not confirmed with the store since ");
            ApiClient.Reply generate = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"late@example.com\"}");
            assertThat(generate.status()).isEqualTo(503);
            assertThat(generate.plainJson().get("message").asText()).startsWith("Service unavailable: salts expired");
            ApiClient.Reply map = op.api.v2("/v2/identity/map", mapper.key(), mapper.secret(), "{\"email\":[\"late@example.com\"]}");
            assertThat(map.status()).isEqualTo(503);
            // key downloads do not depend on salts and keep working
            TestOperator.Credentials reader = op.demo(Role.ID_READER);
            assertThat(op.api.v2("/v2/key/sharing", reader.key(), reader.secret(), null).status()).isEqualTo(200);
        }
    }

    private static HttpResponse<byte[]> health(TestOperator op) {
        try {
            return op.api.send("GET", "/ops/healthcheck", null, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError(what + ": not within 30 s");
            Thread.sleep(10);
        }
    }
}
