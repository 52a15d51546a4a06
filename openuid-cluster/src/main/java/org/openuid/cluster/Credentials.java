package org.openuid.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What the bootstrapping node wrote to its credentials file: the admin token and one demo client per role. */
record Credentials(String adminToken, Map<String, Client> byRole) {

    /** An API key and its Base64 secret. */
    record Client(String key, String secret) {}

    static Credentials read(Path file) throws IOException {
        JsonNode root = V2Client.JSON.readTree(file.toFile());
        Map<String, Client> roles = new HashMap<>();
        for (JsonNode c : root.path("clients")) {
            for (JsonNode r : c.path("roles")) {
                // prefer a client that holds only this role
                if (!roles.containsKey(r.asText()) || c.path("roles").size() == 1)
                    roles.put(r.asText(), new Client(c.path("key").asText(), c.path("secret").asText()));
            }
        }
        return new Credentials(root.path("admin_token").asText(null), Map.copyOf(roles));
    }

    Client role(String role) {
        Client c = byRole.get(role);
        if (c == null) throw new IllegalStateException("no demo client with role " + role + " in the credentials file");
        return c;
    }
}
