package org.openuid.core.token;

import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;

/**
 * Decoded content of an advertising token (spec tokens.md §4). Times in epoch ms. For v2 tokens scope is UID2,
 * type EMAIL, createdAt = refreshedAt = 0 and rawUid holds the bytes of the embedded Base64 text decoded.
 */
public record AdvertisingToken(int version, IdentityScope scope, IdentityType type, int masterKeyId, int siteKeyId,
                               long expiresAt, long createdAt, int siteId, int privacyBits, long establishedAt,
                               long refreshedAt, byte[] rawUid) {
    /** The version of the advertising tokens this operator issues (v2 and v3 are read only). */
    public static final int ISSUED_VERSION = 4;
}
