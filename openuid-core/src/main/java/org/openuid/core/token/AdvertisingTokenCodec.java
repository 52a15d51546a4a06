package org.openuid.core.token;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.KeysetKey;

/** Encodes v4 (and v3/v2 for tests) and decodes v2/v3/v4 advertising tokens (spec tokens.md §4). */
public final class AdvertisingTokenCodec {
    private AdvertisingTokenCodec() {}

    /** Encodes per {@code token.version()} (2, 3 or 4); key ids in the token must match the given keys. */
    public static String encode(AdvertisingToken token, KeysetKey masterKey, KeysetKey siteKey, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Decodes with the decoding rules of tokens.md §4.5 (including the operator's scope/type consistency check). */
    public static AdvertisingToken decode(String token, KeyLookup keys) throws TokenException {
        throw new UnsupportedOperationException("TODO");
    }
}
