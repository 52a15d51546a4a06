package org.openuid.server.manage;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The demo credentials the integrator sandbox uses (docs/admin.md, "Sandbox"), as found in the credentials file: a
 * client with the GENERATOR role, the site and the CSTG keypair's subscription id and public key.
 */
public record SandboxCredentials(String apiKey, String secret, int siteId, String subscriptionId, String publicKey) {
    @Override
    public String toString() { return "SandboxCredentials[siteId=" + siteId + ", subscriptionId=" + subscriptionId + "]"; }

    /** Reads the credentials file: a client with the GENERATOR role and the CSTG keypair; null when unusable. */
    public static SandboxCredentials load(Path file) {
        try {
            JsonNode root = Jackson.MAPPER.readTree(Files.readAllBytes(file));
            String key = null;
            String secret = null;
            for (JsonNode c : root.path("clients")) {
                boolean generator = false;
                for (JsonNode r : c.path("roles")) generator |= "GENERATOR".equals(r.asText());
                if (generator && (key == null || c.path("roles").size() == 1)) {
                    key = c.path("key").asText(null);
                    secret = c.path("secret").asText(null);
                }
            }
            if (key == null || secret == null) return null;
            return new SandboxCredentials(key, secret, root.path("site_id").asInt(),
                    root.path("cstg").path("subscription_id").asText(null), root.path("cstg").path("public_key").asText(null));
        } catch (Exception e) {
            return null;
        }
    }
}
