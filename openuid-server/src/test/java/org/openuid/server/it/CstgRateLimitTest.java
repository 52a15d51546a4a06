package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-IP and per-site token buckets of /v2/token/client-generate with tiny limits and a frozen operator clock
 * (so refills happen only when the test moves the clock): 429 "Too many requests", then recovery.
 */
class CstgRateLimitTest {
    static final AtomicLong NOW = new AtomicLong(System.currentTimeMillis());
    static TestOperator op;
    static CstgTestClient client;

    @BeforeAll
    static void start() throws Exception {
        op = TestOperator.bootstrapped(Map.of(
                "cstg_rate_limit_per_ip_per_second", "1", "cstg_rate_limit_per_ip_burst", "2",
                "cstg_rate_limit_per_site_per_second", "1", "cstg_rate_limit_per_site_burst", "4",
                "cstg_client_ip_header", "X-Forwarded-For"), NOW::get);
        JsonNode creds = new ObjectMapper().readTree(op.node.operator().config().credentialsPath().toFile());
        client = new CstgTestClient(op.baseUrl, creds.get("cstg").get("subscription_id").asText(),
                creds.get("cstg").get("public_key").asText());
    }

    @AfterAll
    static void stop() throws Exception {
        op.close();
    }

    private static int post(String forwardedFor) throws Exception {
        CstgTestClient.Prepared p = client.prepare("{\"email_hash\":\"" + ClientSideGenerateTest.sha256("user@example.com") + "\"}",
                null, NOW.get());
        HttpResponse<byte[]> r = op.api.send("POST", "/v2/token/client-generate", "application/json",
                p.body().toString().getBytes(StandardCharsets.UTF_8), "Origin", "https://example.com", "X-Forwarded-For", forwardedFor);
        if (r.statusCode() == 429) {
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"client_error\",\"message\":\"Too many requests\"}");
            assertThat(r.headers().firstValue("Retry-After")).contains("1");
        }
        return r.statusCode();
    }

    @Test
    void perIpThenPerSiteLimitsAnswer429AndRecover() throws Exception {
        // per IP: burst of 2, the proxy's last address counts
        assertThat(post("1.1.1.1")).isEqualTo(200);
        assertThat(post("9.9.9.9, 1.1.1.1")).isEqualTo(200);
        assertThat(post("1.1.1.1")).isEqualTo(429);
        assertThat(post("1.1.1.1")).isEqualTo(429);
        NOW.addAndGet(1000);
        assertThat(post("1.1.1.1")).isEqualTo(200);
        assertThat(post("1.1.1.1")).isEqualTo(429);
        // per site: burst 4 (two left after the first two, one refilled, one used): other IPs exhaust it
        assertThat(post("2.2.2.2")).isEqualTo(200);
        assertThat(post("3.3.3.3")).isEqualTo(200);
        assertThat(post("4.4.4.4")).isEqualTo(429);
        NOW.addAndGet(1000);
        assertThat(post("5.5.5.5")).isEqualTo(200);
        assertThat(post("6.6.6.6")).isEqualTo(429);
        // a long pause refills both buckets up to their bursts, no further
        NOW.addAndGet(60_000);
        for (int i = 0; i < 4; i++) assertThat(post("7.7.7." + i)).isEqualTo(200);
        assertThat(post("8.8.8.8")).isEqualTo(429);
    }
}
