package org.openuid.store.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.model.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Bootstrap} created. The plaintext API keys, client secrets and the CSTG public key are only
 * available here (the store keeps hashes and the private key), so the caller must show them to the operator.
 * {@link #toString()} leaves the secrets out; {@link #toJson()} includes them.
 *
 * @param created            false when the store was not empty and nothing was created (all other fields empty)
 * @param siteId             the demo site's id
 * @param clients            the demo client keys
 * @param cstgSubscriptionId the demo site's client-side keypair subscription id
 * @param cstgPublicKey      its public key ({@code UID2-X-L-} + Base64 SPKI)
 */
public record BootstrapResult(boolean created, int siteId, List<DemoClient> clients, String cstgSubscriptionId,
                              String cstgPublicKey) {

    /** One demo client key with its plaintext API key and Base64 secret. */
    public record DemoClient(String name, Set<Role> roles, String key, String secret) {
        public DemoClient {
            roles = Set.copyOf(roles);
        }

        @Override
        public String toString() {
            return "DemoClient[name=" + name + ", roles=" + roles + "]";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public BootstrapResult {
        clients = List.copyOf(clients);
    }

    static BootstrapResult notCreated() {
        return new BootstrapResult(false, 0, List.of(), null, null);
    }

    /**
     * {@code {"site_id":..,"clients":[{"name","roles","key","secret"}...],"cstg":{"subscription_id","public_key"}}};
     * {@code {}} when nothing was created.
     */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        if (created) {
            root.put("site_id", siteId);
            List<Map<String, Object>> list = new ArrayList<>();
            for (DemoClient c : clients) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", c.name());
                List<String> roles = new ArrayList<>();
                for (Role r : Role.values()) if (c.roles().contains(r)) roles.add(r.name());
                m.put("roles", roles);
                m.put("key", c.key());
                m.put("secret", c.secret());
                list.add(m);
            }
            root.put("clients", list);
            Map<String, Object> cstg = new LinkedHashMap<>();
            cstg.put("subscription_id", cstgSubscriptionId);
            cstg.put("public_key", cstgPublicKey);
            root.put("cstg", cstg);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode bootstrap result", e);
        }
    }

    @Override
    public String toString() {
        return "BootstrapResult[created=" + created + ", siteId=" + siteId + ", clients=" + clients
                + ", cstgSubscriptionId=" + cstgSubscriptionId + "]";
    }
}
