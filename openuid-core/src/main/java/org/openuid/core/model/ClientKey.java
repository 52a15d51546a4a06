package org.openuid.core.model;

import java.util.Set;

/**
 * An API client. Only a salted SHA-512 hash of the API key is kept ({@code keyHash} = SHA-512(keySalt ‖ key));
 * {@code secret} is the 32-byte AES-256 envelope key.
 */
public record ClientKey(String keyId, byte[] keyHash, byte[] keySalt, byte[] secret, String name, String contact,
                        long created, Set<Role> roles, int siteId, boolean disabled, int serviceId) {
    public ClientKey {
        roles = Set.copyOf(roles);
    }

    public boolean hasAnyRole(Set<Role> wanted) {
        for (Role r : wanted) if (roles.contains(r)) return true;
        return false;
    }
}
