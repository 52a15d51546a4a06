package org.openuid.core.identity;

/**
 * Turns one request input (email, email_hash, phone, phone_hash) into a {@link UserIdentity}:
 * normalise and hash raw DII, decode Base64 (44 chars) or hex (64 chars) hashes (spec normalization.md §1-3).
 */
public final class DiiParser {
    private DiiParser() {}

    /** @return the identity, or {@code null} when the value is invalid for its kind */
    public static UserIdentity parse(DiiKind kind, String value) {
        throw new UnsupportedOperationException("TODO");
    }
}
