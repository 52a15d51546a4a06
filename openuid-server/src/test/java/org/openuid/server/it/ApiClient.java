package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A raw HTTP client for tests: builds v2 envelopes (optionally broken) and decrypts answers. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(String baseUrl) { this.baseUrl = baseUrl; }

    /** Status code, content type, raw body and, for a decrypted 200, its JSON. */
    public record Reply(int status, String contentType, byte[] body, JsonNode json) {
        public String text() { return new String(body, StandardCharsets.UTF_8); }

        public JsonNode plainJson() {
            try {
                return JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + text());
            }
        }
    }

    public HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a correct v2 request and decrypts a 200 answer. */
    public Reply v2(String path, String apiKey, String secret, String json) throws Exception {
        return v2(path, apiKey, secret, json, System.currentTimeMillis(), false);
    }

    public Reply v2(String path, String apiKey, String secret, String json, long timestampMs, boolean binary) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret);
        byte[] nonce = IvSource.secure().next(8);
        byte[] envelope = RequestEnvelope.seal(key, timestampMs, nonce, json == null ? null : json.getBytes(StandardCharsets.UTF_8), IvSource.secure());
        HttpResponse<byte[]> r = binary
                ? send("POST", path, "application/octet-stream", envelope, "Authorization", "Bearer " + apiKey)
                : send("POST", path, "text/plain", Base64.getEncoder().encode(envelope), "Authorization", "Bearer " + apiKey);
        String ct = r.headers().firstValue("Content-Type").orElse("");
        JsonNode decrypted = null;
        if (r.statusCode() == 200) {
            byte[] blob = ct.equals("application/octet-stream") ? r.body() : Base64.getDecoder().decode(r.body());
            decrypted = JSON.readTree(ResponseEnvelope.open(key, blob, nonce));
        }
        return new Reply(r.statusCode(), ct, r.body(), decrypted);
    }

    /** Sends an arbitrary body with an API key (for broken envelopes). */
    public Reply raw(String path, String apiKey, String contentType, byte[] body) throws Exception {
        HttpResponse<byte[]> r = apiKey == null ? send("POST", path, contentType, body)
                : send("POST", path, contentType, body, "Authorization", "Bearer " + apiKey);
        return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), null);
    }
}
