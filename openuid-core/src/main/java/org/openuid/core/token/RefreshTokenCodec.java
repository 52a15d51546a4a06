package org.openuid.core.token;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.KeysetKey;

/** v3 refresh tokens (encode/decode, 168 chars) and legacy v2 refresh tokens (decode only). */
public final class RefreshTokenCodec {
    private RefreshTokenCodec() {}

    public static String encodeV3(RefreshToken token, KeysetKey refreshKey, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    public static RefreshToken decode(String token, KeyLookup keys) throws TokenException {
        throw new UnsupportedOperationException("TODO");
    }
}
