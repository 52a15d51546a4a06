package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.server.cli.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged opt-out survives a crash: the real server runs as a child process, receives logouts (sequential
 * and concurrent, so several share one group commit), is killed with SIGKILL right after the last 200, and is
 * restarted on the same store; every acknowledged opt-out is honoured (generate answers optout).
 */
class OptOutCrashTest {
    private static final int SEQUENTIAL = 15;
    private static final int CONCURRENT = 30;
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code openuid serve} in a child JVM and waits until its API accepts connections. */
    private Process serve(int port, String logName) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--store", dir.resolve("store").toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--salt-buckets", "4096")
                .redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile());
        pb.environment().put("OPENUID_OPS_PORT", "0");
        pb.environment().put("OPENUID_OPS_BIND_HOST", "127.0.0.1");
        pb.environment().put("OPENUID_ADMIN_PORT", "0");
        pb.environment().put("OPENUID_KEY_ROTATION_ENABLED", "false");
        pb.environment().put("OPENUID_SALT_ROTATION_ENABLED", "false");
        Process p = pb.start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new AssertionError("server exited: " + Files.readString(dir.resolve(logName)));
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ops/healthcheck"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("server did not start: " + Files.readString(dir.resolve(logName)));
    }

    private TestOperator.Credentials demo(String role) throws Exception {
        JsonNode root = new ObjectMapper().readTree(dir.resolve("store").resolve("demo-credentials.json").toFile());
        for (JsonNode c : root.get("clients")) {
            if (c.get("roles").size() == 1 && c.get("roles").get(0).asText().equals(role))
                return new TestOperator.Credentials(c.get("key").asText(), c.get("secret").asText(), root.get("site_id").asInt());
        }
        throw new AssertionError("no demo client with role " + role);
    }

    private static boolean logout(ApiClient api, TestOperator.Credentials c, String email) throws Exception {
        ApiClient.Reply r = api.v2("/v2/token/logout", c.key(), c.secret(), "{\"email\":\"" + email + "\"}");
        return r.status() == 200 && "OK".equals(r.json().get("body").get("optout").asText());
    }

    @Test
    void everyAcknowledgedOptOutSurvivesSigkill() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        int port = freePort();
        Process first = serve(port, "first.log");
        List<String> acknowledged = new ArrayList<>();
        try {
            ApiClient api = new ApiClient("http://127.0.0.1:" + port);
            TestOperator.Credentials optout = demo("OPTOUT");
            for (int i = 0; i < SEQUENTIAL; i++) {
                String email = "crash.sequential." + i + "@example.com";
                assertThat(logout(api, optout, email)).as(email).isTrue();
                acknowledged.add(email);
            }
            ConcurrentLinkedQueue<String> concurrent = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < CONCURRENT; i++) {
                    String email = "crash.concurrent." + i + "@example.com";
                    calls.add(pool.submit(() -> {
                        if (logout(api, optout, email)) concurrent.add(email);
                        return null;
                    }));
                }
                for (Future<?> f : calls) f.get(2, TimeUnit.MINUTES);
            } finally {
                pool.shutdownNow();
            }
            // SIGKILL right after the last acknowledgement: no shutdown hook, no flush
            first.destroyForcibly();
            assertThat(first.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(concurrent).hasSize(CONCURRENT);
            acknowledged.addAll(concurrent);
        } finally {
            first.destroyForcibly();
        }

        int again = freePort();
        Process second = serve(again, "second.log");
        try {
            TestOperator.Credentials gen = demo("GENERATOR");
            PublisherUid2Client publisher = new PublisherUid2Client("http://127.0.0.1:" + again, gen.key(), gen.secret());
            for (String email : acknowledged) {
                assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail(email)).isOptout()).as(email).isTrue();
            }
            assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("crash.bystander@example.com")).isSuccess()).isTrue();
        } finally {
            second.destroyForcibly();
            second.waitFor(1, TimeUnit.MINUTES);
        }
    }
}
