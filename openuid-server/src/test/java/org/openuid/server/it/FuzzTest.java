package org.openuid.server.it;

import com.uid2.client.PublisherUid2Client;
import com.uid2.client.TokenGenerateInput;
import org.junit.jupiter.api.Test;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.model.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends a seeded stream of malformed requests to every endpoint (random bytes, truncated and garbled envelopes
 * and tokens, wrong JSON types, huge arrays, unicode, nulls) and asserts: no 5xx, no hung connection, and a
 * server that still answers correctly afterwards. {@code -Dopenuid.fuzz.requests=N} and
 * {@code -Dopenuid.fuzz.seed=S} change the run (default 100,000 requests).
 */
class FuzzTest {
    static final int REQUESTS = Integer.getInteger("openuid.fuzz.requests", 100_000);
    static final long SEED = Long.getLong("openuid.fuzz.seed", 20261122L);
    static final String[] POSTS = {"/v2/token/generate", "/v2/token/validate", "/v2/token/refresh", "/v2/token/client-generate",
            "/v2/token/logout", "/v2/identity/map", "/v3/identity/map", "/v2/identity/buckets", "/v2/key/sharing",
            "/v2/key/bidstream", "/v2/key/latest", "/v2/optout/status"};
    static final String[] GETS = {"/v1/token/generate", "/v1/token/refresh", "/v1/token/validate", "/v1/identity/map",
            "/v1/identity/buckets", "/v1/key/latest", "/ops/healthcheck"};
    static final String[] FIELDS = {"email", "email_hash", "phone", "phone_hash", "token", "since_timestamp", "advertising_ids",
            "tcf_consent_string", "optout_check", "policy", "link_id", "payload", "iv", "public_key", "timestamp",
            "subscription_id", "app_name", "x"};
    static final String[] CONTENT_TYPES = {"text/plain", "application/octet-stream", "application/json",
            "application/x-www-form-urlencoded; charset=utf-8", null};

    @Test
    void malformedRequestsNeverGetA5xx() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped(Map.of("demo_mode", "true"), System::currentTimeMillis)) {
            TestOperator.Credentials all = op.demo(Role.GENERATOR, Role.MAPPER, Role.ID_READER, Role.SHARER, Role.OPTOUT);
            PublisherUid2Client publisher = new PublisherUid2Client(op.baseUrl, all.key(), all.secret());
            var identity = publisher.generateTokenResponse(TokenGenerateInput.fromEmail("fuzz@example.com")).getIdentity();
            String refreshToken = identity.getRefreshToken();
            String adToken = identity.getAdvertisingToken();
            byte[] secret = Base64.getDecoder().decode(all.secret());

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            Random rnd = new Random(SEED);
            Semaphore window = new Semaphore(32);
            AtomicInteger done = new AtomicInteger();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            List<String> failures = new CopyOnWriteArrayList<>();
            long started = System.nanoTime();
            for (int i = 0; i < REQUESTS; i++) {
                HttpRequest req = request(op.baseUrl, rnd, all.key(), secret, refreshToken, adToken);
                window.acquire();
                http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
                    if (err != null) {
                        if (failures.size() < 20) failures.add(req.method() + " " + req.uri().getPath() + ": " + err);
                    } else {
                        statuses.computeIfAbsent(resp.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (resp.statusCode() >= 500 && failures.size() < 20)
                            failures.add(req.method() + " " + req.uri().getPath() + " -> " + resp.statusCode() + " " + new String(resp.body(), StandardCharsets.UTF_8));
                    }
                    done.incrementAndGet();
                    window.release();
                });
            }
            assertThat(window.tryAcquire(32, 120, TimeUnit.SECONDS)).as("requests still hanging").isTrue();
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("fuzz: %d requests (seed %d) in %.1f s, statuses %s%n", done.get(), SEED, seconds, statuses);
            assertThat(failures).isEmpty();
            assertThat(done.get()).isEqualTo(REQUESTS);
            // the server still answers correctly
            assertThat(publisher.generateTokenResponse(TokenGenerateInput.fromEmail("after.fuzz@example.com")).isSuccess()).isTrue();
            assertThat(publisher.refreshToken(identity).isSuccess()).isTrue();
        }
    }

    static HttpRequest request(String base, Random rnd, String key, byte[] secret, String refreshToken, String adToken) {
        int kind = rnd.nextInt(10);
        if (kind == 0) {
            String path = GETS[rnd.nextInt(GETS.length)] + "?" + randomQuery(rnd, adToken, refreshToken);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.replace(" ", "%20"))).timeout(Duration.ofSeconds(30)).GET();
            if (rnd.nextBoolean()) b.header("Authorization", "Bearer " + key);
            return b.build();
        }
        String path = POSTS[rnd.nextInt(POSTS.length)];
        byte[] body;
        String contentType = CONTENT_TYPES[rnd.nextInt(CONTENT_TYPES.length)];
        switch (kind) {
            case 1 -> body = randomBytes(rnd, rnd.nextInt(3000));
            case 2 -> body = Base64.getEncoder().encode(randomBytes(rnd, rnd.nextInt(3000)));
            case 3 -> body = mutate(rnd, path.equals("/v2/token/refresh") ? refreshToken.getBytes() : envelope(rnd, secret, randomJson(rnd, 0, adToken)));
            case 4 -> body = randomJson(rnd, 0, adToken).getBytes(StandardCharsets.UTF_8);
            default -> {
                byte[] env = envelope(rnd, secret, randomJson(rnd, 0, adToken));
                body = "application/octet-stream".equals(contentType) ? env : Base64.getEncoder().encode(env);
            }
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        int auth = rnd.nextInt(6);
        if (auth < 4) b.header("Authorization", "Bearer " + key);
        else if (auth == 4) b.header("Authorization", "Bearer " + randomText(rnd, rnd.nextInt(80)).replaceAll("[^\\x21-\\x7e]", "x"));
        if (rnd.nextInt(8) == 0) b.header("Origin", "https://" + randomText(rnd, 10).replaceAll("[^a-z]", "a") + ".example");
        return b.build();
    }

    static byte[] envelope(Random rnd, byte[] secret, String json) {
        long skew = rnd.nextInt(10) == 0 ? rnd.nextLong() % 1_000_000 : 0;
        byte[] nonce = new byte[8];
        rnd.nextBytes(nonce);
        byte[] payload = rnd.nextInt(20) == 0 ? null : json.getBytes(StandardCharsets.UTF_8);
        return RequestEnvelope.seal(secret, System.currentTimeMillis() + skew, nonce, payload, IvSource.secure());
    }

    static byte[] mutate(Random rnd, byte[] in) {
        byte[] out = in.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> { return java.util.Arrays.copyOf(out, rnd.nextInt(out.length + 1)); }
            case 1 -> { for (int i = 0; i < 1 + rnd.nextInt(4); i++) out[rnd.nextInt(out.length)] ^= (byte) (1 + rnd.nextInt(255)); }
            case 2 -> { out[rnd.nextInt(out.length)] = (byte) "!-_=+/ \n".charAt(rnd.nextInt(8)); }
            default -> { byte[] longer = java.util.Arrays.copyOf(out, out.length + rnd.nextInt(50)); return longer; }
        }
        return out;
    }

    static String randomJson(Random rnd, int depth, String adToken) {
        if (rnd.nextInt(10) == 0) return randomValue(rnd, depth, adToken);
        StringBuilder sb = new StringBuilder("{");
        int n = rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append('"').append(FIELDS[rnd.nextInt(FIELDS.length)]).append("\":").append(randomValue(rnd, depth + 1, adToken));
        }
        return sb.append('}').toString();
    }

    static String randomValue(Random rnd, int depth, String adToken) {
        switch (depth > 3 ? rnd.nextInt(6) : rnd.nextInt(10)) {
            case 0: return "null";
            case 1: return Long.toString(rnd.nextLong());
            case 2: return rnd.nextBoolean() ? "true" : "1e309";
            case 3: return quote(randomText(rnd, rnd.nextInt(100)));
            case 4: return quote(rnd.nextBoolean() ? adToken : "user@example.com");
            case 5: return quote(Base64.getEncoder().encodeToString(randomBytes(rnd, rnd.nextInt(64))));
            case 6: return randomJson(rnd, depth + 1, adToken);
            default: {
                int n = rnd.nextInt(20) == 0 ? 5000 + rnd.nextInt(5000) : rnd.nextInt(6);
                StringBuilder sb = new StringBuilder("[");
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(n > 100 ? quote("u" + i + "@example.com") : randomValue(rnd, depth + 1, adToken));
                }
                return sb.append(']').toString();
            }
        }
    }

    static String randomQuery(Random rnd, String adToken, String refreshToken) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = rnd.nextInt(4); i < n; i++) {
            if (i > 0) sb.append('&');
            String v = switch (rnd.nextInt(4)) {
                case 0 -> adToken;
                case 1 -> refreshToken.substring(0, rnd.nextInt(refreshToken.length()));
                case 2 -> randomText(rnd, 30);
                default -> "user@example.com";
            };
            sb.append(rnd.nextBoolean() ? "refresh_token" : FIELDS[rnd.nextInt(FIELDS.length)]).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    static String randomText(Random rnd, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int c = switch (rnd.nextInt(5)) {
                case 0 -> rnd.nextInt(32);
                case 1 -> 0x80 + rnd.nextInt(0x700);
                case 2 -> 0x1F600 + rnd.nextInt(80);
                default -> 32 + rnd.nextInt(95);
            };
            sb.appendCodePoint(c);
        }
        return sb.toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ") + "\"";
    }

    static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
