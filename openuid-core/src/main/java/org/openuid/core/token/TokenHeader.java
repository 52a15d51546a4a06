package org.openuid.core.token;

import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;

/**
 * The identity header byte shared by v3/v4 advertising tokens and v3 refresh tokens (spec tokens.md §4.1):
 * {@code (scope << 4) | (type << 2) | 0b11}; the same scope/type bits appear in the first byte of v3/v4 raw UIDs.
 */
final class TokenHeader {
    static final int V3 = 112;
    static final int V4 = 128;
    static final int V2_FIRST_BYTE = 2;

    private TokenHeader() {}

    static byte identityByte(IdentityScope scope, IdentityType type) {
        return (byte) ((scope.value << 4) | (type.value << 2) | 0b11);
    }

    static IdentityScope scope(int b) {
        return IdentityScope.fromValue((b >>> 4) & 1);
    }

    static IdentityType type(int b) throws TokenException {
        int t = (b >>> 2) & 0b11;
        if (t > 1) {
            throw new TokenException("invalid identity type");
        }
        return IdentityType.fromValue(t);
    }
}
