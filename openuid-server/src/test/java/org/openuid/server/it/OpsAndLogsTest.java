package org.openuid.server.it;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.uid2.client.IdentityTokens;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.Test;
import org.openuid.core.model.Role;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The ops listener (metrics, liveness, readiness) and the promise that logs never hold secrets, DII or tokens. */
class OpsAndLogsTest {

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void metricsCountRequestsAndTokensBySite() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped()) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret()).generateTokenResponse(TokenGenerateInput.fromEmail("m@example.com"));
            op.api.raw("/v2/token/generate", "nope", "text/plain", "x".getBytes());
            String metrics = get(op.node.opsPort(), "/metrics");
            assertThat(metrics).startsWith("200 ");
            assertThat(metrics).contains("openuid_http_requests_seconds_count{method=\"POST\",route=\"/v2/token/generate\",status=\"200\"} 1");
            assertThat(metrics).contains("status=\"401\"");
            assertThat(metrics).contains("openuid_tokens_generated_total{site_id=\"" + op.demoSiteId() + "\"} 1.0");
            assertThat(metrics).contains("openuid_salt_buckets 4096.0", "openuid_master_key_age_seconds", "jvm_memory_used_bytes",
                    "jvm_gc_collection_seconds_count{gc=");
            assertThat(get(op.node.opsPort(), "/ops/live")).isEqualTo("200 OK");
            assertThat(get(op.node.opsPort(), "/ops/ready")).isEqualTo("200 OK");
            assertThat(get(op.node.opsPort(), "/ops/healthcheck")).isEqualTo("200 OK");
        }
    }

    @Test
    void logsNeverContainKeysSecretsDiiOrTokens() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        ch.qos.logback.classic.Level before = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        List<String> secrets = new ArrayList<>();
        try (TestOperator op = TestOperator.bootstrapped(Map.of("access_log", "true"), clock::get)) {
            TestOperator.Credentials gen = op.demo(Role.GENERATOR);
            secrets.add(gen.key());
            secrets.add(gen.secret());
            String email = "private.person@example.com";
            secrets.add(email);
            PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, gen.key(), gen.secret());
            IdentityTokens id = publisher.generateTokenResponse(TokenGenerateInput.fromEmail(email)).getIdentity();
            secrets.add(id.getAdvertisingToken());
            secrets.add(id.getRefreshToken());
            publisher.refreshToken(id);
            op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"" + email + "\",\"phone\":\"+12345678901\"}");
            op.api.v2("/v2/token/validate", gen.key(), gen.secret(), "{\"token\":\"" + id.getAdvertisingToken() + "\",\"email\":\"" + email + "\"}");
            op.api.raw("/v2/token/refresh", gen.key(), "text/plain", id.getRefreshToken().substring(0, 100).getBytes());
            op.api.raw("/v2/token/generate", gen.key() + "x", "text/plain", "garbage".getBytes());
            // keys expire: the node fails closed and says why
            clock.addAndGet(11L * 365 * 24 * 3600 * 1000);
            op.node.state().poll();
            ApiClient.Reply closed = op.api.v2("/v2/token/generate", gen.key(), gen.secret(), "{\"email\":\"" + email + "\"}", clock.get(), false);
            assertThat(closed.status()).isEqualTo(503);
            assertThat(closed.plainJson().get("message").asText()).startsWith("Service unavailable");
        } finally {
            root.detachAppender(captured);
            root.setLevel(before);
        }
        assertThat(captured.list).isNotEmpty();
        assertThat(captured.list).anyMatch(e -> e.getLoggerName().equals("openuid.access"));
        for (ILoggingEvent e : captured.list) {
            StringBuilder line = new StringBuilder(e.getFormattedMessage());
            if (e.getKeyValuePairs() != null) e.getKeyValuePairs().forEach(kv -> line.append(' ').append(kv.key).append('=').append(kv.value));
            if (e.getThrowableProxy() != null) line.append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            for (String s : secrets) assertThat(line.toString()).as("log line from " + e.getLoggerName()).doesNotContain(s);
        }
    }
}
