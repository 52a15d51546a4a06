package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * A client-side token generation client written from the spec (encryption.md §4), independent of the server
 * code: ephemeral P-256 key, ECDH X coordinate as the AES-256-GCM key, AAD {@code [ts]} or {@code [ts,"app"]}.
 */
final class CstgTestClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String subscriptionId;
    private final PublicKey serverKey;

    CstgTestClient(String baseUrl, String subscriptionId, String serverPublicKeyWithPrefix) throws Exception {
        this.url = baseUrl + "/v2/token/client-generate";
        this.subscriptionId = subscriptionId;
        this.serverKey = KeyFactory.getInstance("EC").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(serverPublicKeyWithPrefix.substring(9))));
    }

    /** An encrypted request: the JSON body and the shared secret that decrypts its answer. */
    record Prepared(ObjectNode body, byte[] secret) {}

    /** The HTTP answer; {@code json} is the decrypted body of a 200, else the plain error JSON. */
    record Answer(int status, JsonNode json, String rawBody) {}

    Prepared prepare(String identityJson, String appName, long timestamp) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ephemeral = g.generateKeyPair();
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(ephemeral.getPrivate());
        ka.doPhase(serverKey, true);
        byte[] secret = ka.generateSecret();
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        String aad = "[" + timestamp + (appName == null ? "" : "," + JSON.writeValueAsString(appName)) + "]";
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, iv));
        c.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
        byte[] payload = c.doFinal(identityJson.getBytes(StandardCharsets.UTF_8));
        ObjectNode body = JSON.createObjectNode();
        body.put("payload", Base64.getEncoder().encodeToString(payload));
        body.put("iv", Base64.getEncoder().encodeToString(iv));
        body.put("public_key", Base64.getEncoder().encodeToString(ephemeral.getPublic().getEncoded()));
        body.put("timestamp", timestamp);
        body.put("subscription_id", subscriptionId);
        if (appName != null) body.put("app_name", appName);
        return new Prepared(body, secret);
    }

    Answer emailHash(String hash, String origin) throws Exception {
        Prepared p = prepare("{\"email_hash\":\"" + hash + "\"}", null, System.currentTimeMillis());
        return send(p.body().toString(), origin, p.secret());
    }

    Answer send(String body, String origin, byte[] secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (origin != null) b.header("Origin", origin);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body());
        return new Answer(200, JSON.readTree(decrypt(secret, r.body())), r.body());
    }

    static byte[] decrypt(byte[] secret, String base64Blob) throws Exception {
        byte[] blob = Base64.getDecoder().decode(base64Blob);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(secret, "AES"), new GCMParameterSpec(128, blob, 0, 12));
        return c.doFinal(Arrays.copyOfRange(blob, 12, blob.length));
    }
}
