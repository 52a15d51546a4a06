package org.openuid.server.manage;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.store.ApiKeys;
import org.openuid.store.NewClientKey;
import org.openuid.store.Store;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API client keys (spec keys-and-data.md §3): create (the key and secret are revealed once, the store keeps a salted
 * hash of the key), list and read (never the key or secret), disable and enable, and rotate the secret (same key,
 * new 32-byte secret, revealed once; the old secret stops working as soon as nodes reload).
 */
public final class ClientService {
    public static final String ROLE_NAMES = "GENERATOR, MAPPER, ID_READER, SHARER or OPTOUT";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Store store;

    public ClientService(Store store) { this.store = store; }

    /** A rotated secret: the updated client and the new secret in Base64, shown once. */
    public record RotatedSecret(ClientKey client, String secretBase64) {
        @Override
        public String toString() { return "RotatedSecret[keyId=" + client.keyId() + "]"; }
    }

    /** Role names to roles; throws IllegalArgumentException for an empty list or an unknown name. */
    public static Set<Role> parseRoles(List<String> names) {
        if (names == null || names.isEmpty()) throw new IllegalArgumentException("roles is required: one or more of " + ROLE_NAMES);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : names) {
            Role role = Role.parse(r);
            if (role == Role.UNKNOWN) throw new IllegalArgumentException("unknown role '" + r + "': use " + ROLE_NAMES);
            roles.add(role);
        }
        return roles;
    }

    public NewClientKey create(int siteId, String name, Set<Role> roles, long nowSec) {
        return create(siteId, name, roles, 0, nowSec);
    }

    /** A client of a service ({@code serviceId} ≠ 0, an existing service) or of no service (0). */
    public NewClientKey create(int siteId, String name, Set<Role> roles, int serviceId, long nowSec) {
        if (serviceId != 0 && store.loadAll().services().stream().noneMatch(s -> s.serviceId() == serviceId))
            throw new IllegalArgumentException("service " + serviceId + " does not exist");
        String label = SiteService.checkName(name);
        if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
        NewClientKey created;
        do {
            created = ApiKeys.create(siteId, label, roles, nowSec);
        } while (store.clientByKeyId(created.client().keyId()).isPresent());
        if (serviceId != 0) {
            ClientKey c = created.client();
            created = new NewClientKey(new ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(), c.name(), c.contact(),
                    c.created(), c.roles(), c.siteId(), c.disabled(), serviceId), created.apiKey(), created.secretBase64());
        }
        store.upsertClient(created.client());
        return created;
    }

    public List<ClientKey> list() { return store.loadAll().clients(); }

    /** The clients of one site, or all when {@code siteId} is null. */
    public List<ClientKey> list(Integer siteId) {
        return list().stream().filter(c -> siteId == null || c.siteId() == siteId).toList();
    }

    public Optional<ClientKey> get(String keyId) { return store.clientByKeyId(keyId); }

    /** The client, or {@link ServiceException} NOT_FOUND. */
    public ClientKey existing(String keyId) {
        return store.clientByKeyId(keyId).orElseThrow(() -> ServiceException.notFound("no client with key id '" + keyId + "'"));
    }

    public ClientKey setDisabled(String keyId, boolean disabled) {
        ClientKey c = existing(keyId);
        ClientKey updated = new ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(), c.name(), c.contact(),
                c.created(), c.roles(), c.siteId(), disabled, c.serviceId());
        store.upsertClient(updated);
        return updated;
    }

    public RotatedSecret rotateSecret(String keyId) {
        ClientKey c = existing(keyId);
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        ClientKey updated = new ClientKey(c.keyId(), c.keyHash(), c.keySalt(), secret, c.name(), c.contact(),
                c.created(), c.roles(), c.siteId(), c.disabled(), c.serviceId());
        store.upsertClient(updated);
        return new RotatedSecret(updated, Base64.getEncoder().encodeToString(secret));
    }
}
