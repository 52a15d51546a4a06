package org.openuid.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The v2 envelope for the endpoints the official SDK has no call for (logout, opt-out status, buckets), and the
 * admin API. Answers carry the status and, for a 200, the decrypted JSON.
 */
final class V2Client {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final IvSource IVS = IvSource.secure();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An answer: the status, the decrypted JSON of a 200 (else null) and the plain body. */
    record Answer(int status, JsonNode json, String body) {}

    Answer post(String baseUrl, String path, Credentials.Client client, String json) throws IOException, InterruptedException {
        byte[] secret = Base64.getDecoder().decode(client.secret());
        byte[] nonce = IVS.next(8);
        byte[] envelope = RequestEnvelope.seal(secret, System.currentTimeMillis(), nonce, json.getBytes(StandardCharsets.UTF_8), IVS);
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + client.key()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Base64.getEncoder().encode(envelope))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) return new Answer(r.statusCode(), null, new String(r.body(), StandardCharsets.UTF_8));
        try {
            JsonNode decrypted = JSON.readTree(ResponseEnvelope.open(secret, Base64.getDecoder().decode(r.body()), nonce));
            return new Answer(200, decrypted, null);
        } catch (org.openuid.core.crypto.CryptoException e) {
            throw new IOException("answer does not decrypt: " + e.getMessage(), e);
        }
    }

    /** A call of a node's admin API with the admin token. */
    Answer admin(String adminUrl, String method, String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(adminUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.statusCode() == 200 ? JSON.readTree(r.body()) : null, r.body());
    }
}
