package org.openuid.core.token;

import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.KeysetKey;

/**
 * The 388-character refresh-token wrapper and the refresh response encryption (spec encryption.md §3).
 */
public final class RefreshWrapper {
    public static final int WRAPPED_LENGTH = 388;

    private RefreshWrapper() {}

    public record Unwrapped(byte[] responseKey, String innerToken) {}

    public static String wrap(String innerToken, byte[] responseKey, KeysetKey refreshKey, IdentityScope scope, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @throws TokenException with one of the four exact messages of encryption.md §3.2 */
    public static Unwrapped unwrap(String wrapped, KeyLookup keys) throws TokenException {
        throw new UnsupportedOperationException("TODO");
    }

    /** Encrypts a refresh response: GCM blob under the response key, no timestamp or nonce. */
    public static byte[] encryptResponse(byte[] responseKey, byte[] json, IvSource ivs) {
        throw new UnsupportedOperationException("TODO");
    }
}
