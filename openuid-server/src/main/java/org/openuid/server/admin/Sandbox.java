package org.openuid.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.cstg.CstgCrypto;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.UserIdentity;
import org.openuid.server.http.Json;
import org.openuid.server.manage.SandboxCredentials;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * The integrator sandbox of demo mode (docs/admin.md, "Sandbox"): real requests to this node's public API with the
 * demo credentials from the credentials file, done server-side exactly as an SDK does them (v2 envelope, refresh
 * response decryption, client-side ECDH + AES-GCM), and each exchange returned step by step: the plaintext request,
 * what went over the wire, the HTTP status and the decrypted answer. The API key is shown as its key id only. The
 * credentials are read by {@link SandboxCredentials#load}.
 */
final class Sandbox {
    private static final int SHOWN_WIRE_CHARS = 120;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final IvSource random = IvSource.secure();

    Sandbox(String baseUrl) { this.baseUrl = baseUrl; }

    /** The key id part of an API key ({@code UID2-C-L-100-abcde}), never the key. */
    static String keyId(String apiKey) {
        int dot = apiKey.indexOf('.');
        String first = dot < 0 ? apiKey : apiKey.substring(0, dot);
        return first.length() > 1 ? first.substring(0, first.length() - 1) : first;
    }

    /** {@code POST /v2/token/generate} with the DII {@code field}={@code value}. */
    ObjectNode generate(SandboxCredentials c, String field, String value) throws Exception {
        ObjectNode request = Json.mapper().createObjectNode().put(field, value);
        return v2(c, "/v2/token/generate", request);
    }

    /** {@code POST /v2/token/refresh} with a refresh token, decrypting the answer with the refresh response key. */
    ObjectNode refresh(String refreshToken, String responseKeyBase64) throws Exception {
        byte[] responseKey;
        try {
            responseKey = Base64.getDecoder().decode(responseKeyBase64);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("refresh_response_key must be Base64");
        }
        if (responseKey.length != 32) throw AdminException.badRequest("refresh_response_key must be 32 bytes of Base64");
        HttpResponse<String> r = post("/v2/token/refresh", "text/plain", refreshToken, null, null);
        ObjectNode out = exchange("POST", "/v2/token/refresh", "none (the refresh token authenticates itself)",
                "text/plain", null, refreshToken);
        JsonNode decrypted = null;
        if (r.statusCode() == 200) {
            try {
                byte[] blob = Base64.getDecoder().decode(r.body().trim());
                decrypted = Json.mapper().readTree(Aes256Gcm.decrypt(responseKey, blob, 0, blob.length));
            } catch (IllegalArgumentException | CryptoException e) {
                decrypted = Json.mapper().createObjectNode().put("error", "the answer does not decrypt with this refresh_response_key");
            }
        }
        return response(out, r, decrypted, "AES-256-GCM with the refresh_response_key");
    }

    /** {@code POST /v2/token/client-generate} as the browser SDK sends it, from {@code origin}. */
    ObjectNode clientGenerate(SandboxCredentials c, String field, String value, String origin) throws Exception {
        if (c.subscriptionId() == null || c.publicKey() == null)
            throw AdminException.conflict("the credentials file holds no client-side keypair");
        ObjectNode identity = Json.mapper().createObjectNode();
        if (field.endsWith("_hash")) identity.put(field, value);
        else {
            DiiKind kind = "email".equals(field) ? DiiKind.EMAIL : DiiKind.PHONE;
            UserIdentity id = DiiParser.parse(kind, value);
            if (id == null) throw AdminException.badRequest("invalid " + field);
            identity.put(field + "_hash", Base64.getEncoder().encodeToString(id.identityHash()));
        }
        PublicKey server = CstgCrypto.parsePrefixedPublicKey(c.publicKey());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = g.generateKeyPair();
        byte[] secret = CstgCrypto.sharedSecret(ephemeral.getPrivate(), server);
        long timestamp = System.currentTimeMillis();
        byte[] plaintext = identity.toString().getBytes(StandardCharsets.UTF_8);
        byte[] blob = Aes256Gcm.encrypt(secret, plaintext, 0, plaintext.length, CstgCrypto.aad(timestamp, null), random);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("payload", Base64.getEncoder().encodeToString(Arrays.copyOfRange(blob, Aes256Gcm.IV_LENGTH, blob.length)));
        body.put("iv", Base64.getEncoder().encodeToString(Arrays.copyOf(blob, Aes256Gcm.IV_LENGTH)));
        body.put("public_key", Base64.getEncoder().encodeToString(ephemeral.getPublic().getEncoded()));
        body.put("timestamp", timestamp);
        body.put("subscription_id", c.subscriptionId());
        HttpResponse<String> r = post("/v2/token/client-generate", "application/json", body.toString(), null, origin);
        ObjectNode out = exchange("POST", "/v2/token/client-generate", "none (subscription id and ECDH)",
                "application/json", identity, body.toString());
        out.with("request").put("origin", origin);
        JsonNode decrypted = null;
        if (r.statusCode() == 200) {
            byte[] answer = Base64.getDecoder().decode(r.body().trim());
            decrypted = Json.mapper().readTree(Aes256Gcm.decrypt(secret, answer, 0, answer.length));
        }
        return response(out, r, decrypted, "AES-256-GCM with the ECDH shared secret");
    }

    private ObjectNode v2(SandboxCredentials c, String path, ObjectNode request) throws Exception {
        byte[] secret = Base64.getDecoder().decode(c.secret());
        byte[] nonce = random.next(RequestEnvelope.NONCE_LENGTH);
        byte[] envelope = RequestEnvelope.seal(secret, System.currentTimeMillis(), nonce,
                request.toString().getBytes(StandardCharsets.UTF_8), random);
        String wire = Base64.getEncoder().encodeToString(envelope);
        HttpResponse<String> r = post(path, "text/plain", wire, c.apiKey(), null);
        ObjectNode out = exchange("POST", path, "Bearer " + keyId(c.apiKey()) + "… (API key of the demo generator)",
                "text/plain", request, wire);
        JsonNode decrypted = null;
        if (r.statusCode() == 200) decrypted = Json.mapper().readTree(ResponseEnvelope.open(secret, Base64.getDecoder().decode(r.body().trim()), nonce));
        return response(out, r, decrypted, "AES-256-GCM with the client secret; the nonce matches the request's");
    }

    private HttpResponse<String> post(String path, String contentType, String body, String apiKey, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (apiKey != null) b.header("Authorization", "Bearer " + apiKey);
        if (origin != null && !origin.isBlank()) b.header("Origin", origin);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ObjectNode exchange(String method, String path, String auth, String contentType, JsonNode plaintext, String wire) {
        ObjectNode out = Json.mapper().createObjectNode();
        ObjectNode req = out.putObject("request");
        req.put("method", method);
        req.put("url", baseUrl + path);
        req.put("authorization", auth);
        req.put("content_type", contentType);
        if (plaintext != null) req.set("plaintext", plaintext);
        req.put("body", shorten(wire));
        req.put("body_length", wire.length());
        return out;
    }

    private static ObjectNode response(ObjectNode out, HttpResponse<String> r, JsonNode decrypted, String how) {
        ObjectNode res = out.putObject("response");
        res.put("status", r.statusCode());
        res.put("content_type", r.headers().firstValue("Content-Type").orElse(""));
        res.put("body", shorten(r.body()));
        res.put("body_length", r.body().length());
        if (decrypted != null) {
            res.put("decrypted_with", how);
            res.set("decrypted", decrypted);
        } else if (r.statusCode() != 200) {
            try {
                res.set("error", Json.mapper().readTree(r.body()));
            } catch (Exception e) {
                res.put("error", r.body());
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() <= SHOWN_WIRE_CHARS ? s : s.substring(0, SHOWN_WIRE_CHARS) + "…";
    }
}
