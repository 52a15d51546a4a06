package org.openuid.core.token;

import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;

/** Decoded refresh token (spec tokens.md §5). Times in epoch ms. */
public record RefreshToken(int version, IdentityScope scope, IdentityType type, long expiresAt, long createdAt,
                           int siteId, int privacyBits, long establishedAt, byte[] firstLevelHash) {
    /** The version of the refresh tokens this operator issues (v2 is read only). */
    public static final int ISSUED_VERSION = 3;
}
