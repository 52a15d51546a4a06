package org.openuid.store;

import org.openuid.core.model.KeysetKey;

import java.security.SecureRandom;

/** Creates new keyset keys with 32 random bytes; the caller decides when they activate and expire. */
public final class KeyFactory {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFactory() {}

    public static KeysetKey newKey(int keyId, int keysetId, long createdSec, long activatesSec, long expiresSec) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new KeysetKey(keyId, keysetId, createdSec, activatesSec, expiresSec, secret);
    }
}
