package org.openuid.store;

import org.openuid.core.model.KeysetKey;

import java.security.SecureRandom;

/** Creates new keyset keys: 32 random bytes, active from creation, valid for ten years unless rotated earlier. */
public final class KeyFactory {
    public static final long DEFAULT_LIFETIME_SECONDS = 10L * 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFactory() {}

    public static KeysetKey newKey(int keyId, int keysetId, long nowSec) {
        return newKey(keyId, keysetId, nowSec, nowSec, nowSec + DEFAULT_LIFETIME_SECONDS);
    }

    public static KeysetKey newKey(int keyId, int keysetId, long createdSec, long activatesSec, long expiresSec) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new KeysetKey(keyId, keysetId, createdSec, activatesSec, expiresSec, secret);
    }
}
