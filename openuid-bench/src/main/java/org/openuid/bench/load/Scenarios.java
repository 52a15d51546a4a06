package org.openuid.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.CryptoException;
import org.openuid.core.cstg.CstgCrypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The driver's scenarios, one per endpoint (and batch size), by name. */
final class Scenarios {
    static final List<String> ALL = List.of("http-floor", "generate", "generate-email", "refresh", "validate",
            "map-v2-1000", "map-v2-5000", "map-v3-1000", "map-v3-5000", "key-sharing", "cstg");

    private Scenarios() {}

    static Scenario create(String name) {
        return switch (name) {
            case "http-floor" -> new HttpFloor(name);
            case "generate" -> new Generate(name, false);
            case "generate-email" -> new Generate(name, true);
            case "refresh" -> new Refresh(name);
            case "validate" -> new Validate(name);
            case "map-v2-1000" -> new IdentityMap(name, 2, 1000);
            case "map-v2-5000" -> new IdentityMap(name, 2, 5000);
            case "map-v3-1000" -> new IdentityMap(name, 3, 1000);
            case "map-v3-5000" -> new IdentityMap(name, 3, 5000);
            case "key-sharing" -> new KeySharing(name);
            case "cstg" -> new ClientGenerate(name);
            default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: " + ALL);
        };
    }

    /**
     * GET /ops/healthcheck on the public port: the same HTTP server, router and per-request handlers as the API, and
     * no cryptography. What a request costs the server before it does any work of its own.
     */
    static final class HttpFloor extends Scenario {
        HttpFloor(String name) {
            super(name, 1);
        }

        @Override
        void prepare(Setup s) throws IOException {
            byte[] request = s.http.get("/ops/healthcheck");
            BlockingHttp.Response r = s.connection.send(request);
            if (r.status() != 200) throw new IOException("healthcheck answered " + r.status());
            publish(new byte[][]{request});
        }

        @Override
        void rebuild(long nowMs) {
            // nothing expires
        }

        @Override
        boolean expires() {
            return false;
        }
    }

    /** POST /v2/token/generate with a random {@code email_hash} (or a random {@code email}) per request. */
    static final class Generate extends Scenario {
        private static final int POOL = 512;
        private final boolean email;
        private Setup setup;

        Generate(String name, boolean email) {
            super(name, 1);
            this.email = email;
        }

        @Override
        void prepare(Setup s) throws IOException {
            setup = s;
            s.call("/v2/token/generate", s.credentials.generator(), json());
            rebuild(System.currentTimeMillis());
        }

        private String json() {
            if (email) return "{\"email\":\"User." + setup.random.nextInt(1_000_000_000) + "@Example.com\",\"optout_check\":1}";
            return "{\"email_hash\":\"" + setup.randomHash() + "\",\"optout_check\":1}";
        }

        @Override
        void rebuild(long nowMs) {
            Credentials.Client c = setup.credentials.generator();
            byte[][] requests = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                requests[i] = setup.http.post("/v2/token/generate", c.key(), "text/plain", null,
                        setup.envelope(c.secret(), nowMs, setup.nonce(), json()));
            }
            publish(requests);
        }
    }

    /** Token pairs issued by generate during setup, for refresh and validate. */
    private static List<JsonNode> tokenPairs(Setup s, int n, List<String> hashes) throws IOException {
        List<JsonNode> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String hash = s.randomHash();
            hashes.add(hash);
            out.add(s.call("/v2/token/generate", s.credentials.generator(),
                    "{\"email_hash\":\"" + hash + "\",\"optout_check\":1}").path("body"));
        }
        return out;
    }

    /** POST /v2/token/refresh with refresh tokens issued during setup (each valid for 30 days, refreshed repeatedly). */
    static final class Refresh extends Scenario {
        private static final int POOL = 512;

        Refresh(String name) {
            super(name, 1);
        }

        @Override
        void prepare(Setup s) throws IOException {
            List<JsonNode> pairs = tokenPairs(s, POOL, new ArrayList<>());
            byte[][] requests = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                requests[i] = s.http.post("/v2/token/refresh", null, "text/plain", null,
                        pairs.get(i).path("refresh_token").asText().getBytes(StandardCharsets.US_ASCII));
            }
            BlockingHttp.Response r = s.connection.send(requests[0]);
            if (r.status() != 200) throw new IOException("refresh answered " + r.status());
            byte[] key = Base64.getDecoder().decode(pairs.get(0).path("refresh_response_key").asText());
            try {
                byte[] blob = Base64.getDecoder().decode(r.body());
                Setup.success("/v2/token/refresh", Aes256Gcm.decrypt(key, blob, 0, blob.length));
            } catch (CryptoException e) {
                throw new IOException("cannot decrypt the refresh answer");
            }
            publish(requests);
        }

        @Override
        void rebuild(long nowMs) {
            // refresh tokens carry no request timestamp
        }

        @Override
        boolean expires() {
            return false;
        }
    }

    /** POST /v2/token/validate of advertising tokens issued during setup, with their {@code email_hash}. */
    static final class Validate extends Scenario {
        private static final int POOL = 256;
        private Setup setup;
        private final List<String> hashes = new ArrayList<>();
        private List<JsonNode> pairs;

        Validate(String name) {
            super(name, 1);
        }

        @Override
        void prepare(Setup s) throws IOException {
            setup = s;
            pairs = tokenPairs(s, POOL, hashes);
            JsonNode answer = s.call("/v2/token/validate", s.credentials.generator(), json(0));
            if (!answer.path("body").asBoolean(false)) throw new IOException("validate answered " + answer.path("body"));
            rebuild(System.currentTimeMillis());
        }

        private String json(int i) {
            return "{\"token\":\"" + pairs.get(i).path("advertising_token").asText() + "\",\"email_hash\":\"" + hashes.get(i) + "\"}";
        }

        @Override
        void rebuild(long nowMs) {
            Credentials.Client c = setup.credentials.generator();
            byte[][] requests = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                requests[i] = setup.http.post("/v2/token/validate", c.key(), "text/plain", null,
                        setup.envelope(c.secret(), nowMs, setup.nonce(), json(i)));
            }
            publish(requests);
        }
    }

    /** POST /v2/identity/map or /v3/identity/map with a batch of distinct random {@code email_hash} values. */
    static final class IdentityMap extends Scenario {
        private final int version;
        private final int batch;
        private final int pool;
        private Setup setup;

        IdentityMap(String name, int version, int batch) {
            super(name, batch);
            this.version = version;
            this.batch = batch;
            this.pool = batch >= 5000 ? 8 : 24;
        }

        private String path() {
            return version == 2 ? "/v2/identity/map" : "/v3/identity/map";
        }

        private String json() {
            StringBuilder sb = new StringBuilder(16 + batch * 47).append("{\"email_hash\":[");
            for (int i = 0; i < batch; i++) sb.append(i == 0 ? "\"" : ",\"").append(setup.randomHash()).append('"');
            return sb.append("]}").toString();
        }

        @Override
        void prepare(Setup s) throws IOException {
            setup = s;
            JsonNode answer = s.call(path(), s.credentials.mapper(), json());
            JsonNode mapped = version == 2 ? answer.path("body").path("mapped") : answer.path("body").path("email_hash");
            if (mapped.size() != batch) throw new IOException(path() + " mapped " + mapped.size() + " of " + batch);
            rebuild(System.currentTimeMillis());
        }

        @Override
        void rebuild(long nowMs) {
            Credentials.Client c = setup.credentials.mapper();
            byte[][] requests = new byte[pool][];
            for (int i = 0; i < pool; i++) {
                requests[i] = setup.http.post(path(), c.key(), "text/plain", null,
                        setup.envelope(c.secret(), nowMs, setup.nonce(), json()));
            }
            publish(requests);
        }
    }

    /** POST /v2/key/sharing (no payload), as the SDK's SharingClient refreshes its keys. */
    static final class KeySharing extends Scenario {
        private static final int POOL = 64;
        private Setup setup;

        KeySharing(String name) {
            super(name, 1);
        }

        @Override
        void prepare(Setup s) throws IOException {
            setup = s;
            JsonNode answer = s.call("/v2/key/sharing", s.credentials.sharer(), null);
            if (answer.path("body").path("keys").size() == 0) throw new IOException("key sharing answered no keys");
            rebuild(System.currentTimeMillis());
        }

        @Override
        void rebuild(long nowMs) {
            Credentials.Client c = setup.credentials.sharer();
            byte[][] requests = new byte[POOL][];
            for (int i = 0; i < POOL; i++) {
                requests[i] = setup.http.post("/v2/key/sharing", c.key(), "text/plain", null,
                        setup.envelope(c.secret(), nowMs, setup.nonce(), null));
            }
            publish(requests);
        }
    }

    /**
     * POST /v2/token/client-generate (spec encryption.md §4): each request from its own ephemeral P-256 key, as a
     * browser would send it, with an allowed Origin. Per-IP and per-site rate limits must be off on the operator.
     */
    static final class ClientGenerate extends Scenario {
        private static final int POOL = 256;
        private static final String ORIGIN = "Origin: https://example.com";
        private Setup setup;
        private PublicKey serverKey;

        ClientGenerate(String name) {
            super(name, 1);
        }

        @Override
        void prepare(Setup s) throws Exception {
            setup = s;
            serverKey = CstgCrypto.parsePrefixedPublicKey(s.credentials.cstgPublicKey());
            Built one = build(System.currentTimeMillis());
            BlockingHttp.Response r = s.connection.send(one.request);
            if (r.status() != 200) {
                throw new IOException("client-generate answered " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            byte[] blob = Base64.getDecoder().decode(r.body());
            Setup.success("/v2/token/client-generate", Aes256Gcm.decrypt(one.secret, blob, 0, blob.length));
            rebuild(System.currentTimeMillis());
        }

        private record Built(byte[] request, byte[] secret) {}

        private Built build(long nowMs) throws GeneralSecurityException, CryptoException {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), setup.random);
            KeyPair ephemeral = g.generateKeyPair();
            byte[] secret = CstgCrypto.sharedSecret(ephemeral.getPrivate(), serverKey);
            byte[] plain = ("{\"email_hash\":\"" + setup.randomHash() + "\"}").getBytes(StandardCharsets.UTF_8);
            byte[] blob = Aes256Gcm.encrypt(secret, plain, 0, plain.length, CstgCrypto.aad(nowMs, null), setup.ivs);
            byte[] iv = java.util.Arrays.copyOfRange(blob, 0, Aes256Gcm.IV_LENGTH);
            byte[] payload = java.util.Arrays.copyOfRange(blob, Aes256Gcm.IV_LENGTH, blob.length);
            Base64.Encoder b64 = Base64.getEncoder();
            String json = "{\"payload\":\"" + b64.encodeToString(payload) + "\",\"iv\":\"" + b64.encodeToString(iv)
                    + "\",\"public_key\":\"" + b64.encodeToString(ephemeral.getPublic().getEncoded())
                    + "\",\"timestamp\":" + nowMs + ",\"subscription_id\":\"" + setup.credentials.cstgSubscriptionId() + "\"}";
            byte[] request = setup.http.post("/v2/token/client-generate", null, "application/json", ORIGIN,
                    json.getBytes(StandardCharsets.UTF_8));
            return new Built(request, secret);
        }

        @Override
        void rebuild(long nowMs) throws GeneralSecurityException, CryptoException {
            byte[][] requests = new byte[POOL][];
            for (int i = 0; i < POOL; i++) requests[i] = build(nowMs).request;
            publish(requests);
        }
    }
}
