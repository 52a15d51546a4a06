package org.openuid.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** What scenarios need to build and check requests: credentials, request framing, one setup connection, randomness. */
final class Setup {
    static final ObjectMapper JSON = new ObjectMapper();

    /** The start of one result line of the driver's output: its type, JDK label and scenario. */
    static ObjectNode resultLine(String type, String label, String scenario) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", type);
        n.put("label", label);
        n.put("scenario", scenario);
        return n;
    }

    final Credentials credentials;
    final HttpRequests http;
    final BlockingHttp connection;
    final SecureRandom random = new SecureRandom();
    final IvSource ivs = IvSource.secure();

    Setup(Credentials credentials, HttpRequests http, BlockingHttp connection) {
        this.credentials = credentials;
        this.http = http;
        this.connection = connection;
    }

    /** A random 44-character Base64 SHA-256, as an {@code email_hash}. */
    String randomHash() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    byte[] nonce() {
        byte[] n = new byte[RequestEnvelope.NONCE_LENGTH];
        random.nextBytes(n);
        return n;
    }

    /** The Base64 text body of a v2 request envelope ({@code json} may be null: no payload). */
    byte[] envelope(byte[] secret, long nowMs, byte[] nonce, String json) {
        byte[] sealed = RequestEnvelope.seal(secret, nowMs, nonce, json == null ? null : json.getBytes(StandardCharsets.UTF_8), ivs);
        return Base64.getEncoder().encode(sealed);
    }

    /** Sends one enveloped request and returns the decrypted answer; fails unless it is a 200 with status success. */
    JsonNode call(String path, Credentials.Client client, String json) throws IOException {
        byte[] nonce = nonce();
        byte[] request = http.post(path, client.key(), "text/plain", null,
                envelope(client.secret(), System.currentTimeMillis(), nonce, json));
        BlockingHttp.Response r = connection.send(request);
        if (r.status() != 200) {
            throw new IOException(path + " answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        try {
            byte[] plain = ResponseEnvelope.open(client.secret(), Base64.getDecoder().decode(r.body()), nonce);
            return success(path, plain);
        } catch (CryptoException e) {
            throw new IOException(path + ": cannot decrypt the answer: " + e.getMessage());
        }
    }

    /** Parses a decrypted answer and checks {@code "status":"success"}. */
    static JsonNode success(String path, byte[] json) throws IOException {
        JsonNode node = JSON.readTree(json);
        if (!"success".equals(node.path("status").asText())) {
            throw new IOException(path + " answered status " + node.path("status").asText() + " instead of success");
        }
        return node;
    }
}
