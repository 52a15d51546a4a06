package org.openuid.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The demo credentials a fresh operator writes on its first start ({@code <store>/demo-credentials.json}): one client
 * key per role and the demo site's client-side keypair. The driver only ever sends them to the operator under test.
 *
 * @param cstgSubscriptionId the CSTG keypair's subscription id
 * @param cstgPublicKey      its public key ({@code UID2-X-L-} + Base64 SPKI)
 */
public record Credentials(Client generator, Client mapper, Client sharer, String cstgSubscriptionId, String cstgPublicKey) {

    /** An API key and its 32-byte envelope secret. */
    public record Client(String key, byte[] secret) {}

    public static Credentials read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode clients = root.path("clients");
        return new Credentials(withRole(clients, "GENERATOR"), withRole(clients, "MAPPER"), withRole(clients, "SHARER"),
                root.path("cstg").path("subscription_id").asText(null), root.path("cstg").path("public_key").asText(null));
    }

    /** The first client holding exactly this one role (else the first that holds it among others). */
    private static Client withRole(JsonNode clients, String role) throws IOException {
        JsonNode fallback = null;
        for (JsonNode c : clients) {
            JsonNode roles = c.path("roles");
            boolean has = false;
            for (JsonNode r : roles) has |= role.equals(r.asText());
            if (!has) continue;
            if (roles.size() == 1) return client(c);
            if (fallback == null) fallback = c;
        }
        if (fallback == null) throw new IOException("no client with role " + role + " in the credentials file");
        return client(fallback);
    }

    private static Client client(JsonNode c) {
        return new Client(c.path("key").asText(), Base64.getDecoder().decode(c.path("secret").asText()));
    }
}
