package org.openuid.store;

/**
 * An admin API token as stored: its public id, a label, {@code SHA-512(salt ‖ UTF-8(token))} and the salt. The token
 * text itself exists only in the operator's hands ({@link AdminTokens}). {@link #toString()} leaves the hash out.
 *
 * @param created epoch seconds
 */
public record AdminToken(String tokenId, String name, byte[] hash, byte[] salt, long created, boolean disabled) {

    public AdminToken withDisabled(boolean value) {
        return new AdminToken(tokenId, name, hash, salt, created, value);
    }

    @Override
    public String toString() {
        return "AdminToken[tokenId=" + tokenId + ", name=" + name + ", created=" + created + ", disabled=" + disabled + "]";
    }
}
