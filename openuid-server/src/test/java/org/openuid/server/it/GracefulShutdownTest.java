package org.openuid.server.it;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping a node under load: requests already accepted complete; later ones get 503 or a refused connection. */
class GracefulShutdownTest {

    @Test
    void drainsInFlightRequestsUnderLoad() throws Exception {
        TestOperator op = TestOperator.bootstrapped();
        TestOperator.Credentials gen = op.demo(Role.GENERATOR);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        CountDownLatch warm = new CountDownLatch(50);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        for (int t = 0; t < 6; t++) {
            pool.submit(() -> {
                while (!stop.get()) {
                    try {
                        ApiClient.Reply r = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"load@example.com\"}");
                        if (r.status() == 200 && r.json().get("status").asText().equals("success")) ok.incrementAndGet();
                        else if (r.status() == 503) unavailable.incrementAndGet();
                        else unexpected.add(r.status() + " " + r.text());
                        warm.countDown();
                    } catch (IOException e) {
                        refused.incrementAndGet();
                        if (refused.get() > 20) return null;
                    }
                }
                return null;
            });
        }
        assertThat(warm.await(30, TimeUnit.SECONDS)).isTrue();
        op.close();
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unexpected).isEmpty();
        assertThat(ok.get()).isGreaterThanOrEqualTo(50);
        System.out.printf("graceful shutdown under load: %d ok, %d answered 503 while draining, %d refused after close%n",
                ok.get(), unavailable.get(), refused.get());
    }

    @Test
    void aDrainingNodeAnswersNotReadyWhileItStillServes() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped()) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            ApiClient ops = new ApiClient("http://127.0.0.1:" + op.node.opsPort());
            assertThat(ops.send("GET", "/ops/ready", null, null).statusCode()).isEqualTo(200);

            op.node.state().beginDraining();
            java.net.http.HttpResponse<byte[]> ready = ops.send("GET", "/ops/ready", null, null);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(new String(ready.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("not ready: the node is shutting down");
            assertThat(ready.headers().firstValue("X-OpenUID-Health")).contains("draining");
            assertThat(op.api.send("GET", "/ops/healthcheck", null, null).statusCode()).isEqualTo(503);
            assertThat(ops.send("GET", "/ops/live", null, null).statusCode()).isEqualTo(200);
            // requests are still served until the node stops accepting
            ApiClient.Reply r = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"draining@example.com\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("success");
        }
    }
}
