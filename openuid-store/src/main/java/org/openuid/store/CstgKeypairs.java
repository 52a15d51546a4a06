package org.openuid.store;

import org.openuid.core.model.ClientSideKeypair;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * New client-side (CSTG) keypairs (spec encryption.md §4.1, keys-and-data.md §8), made the same way at bootstrap and
 * by the admin API: a 10-character subscription id and a P-256 key pair stored as {@code UID2-X-L-} + Base64 SPKI and
 * {@code UID2-Y-L-} + Base64 PKCS#8. The letter after the kind is the environment that made the key; every key an
 * OpenUID operator makes is its own ("L", local), as in its API keys ({@code UID2-C-L-}), whatever the identity scope
 * or {@code identity_environment}. The prefix is informational: readers strip its 9 characters.
 */
public final class CstgKeypairs {
    public static final String PUBLIC_KEY_PREFIX = "UID2-X-L-";
    public static final String PRIVATE_KEY_PREFIX = "UID2-Y-L-";
    public static final int SUBSCRIPTION_ID_LENGTH = 10;
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private CstgKeypairs() {}

    /** A random subscription id: 10 letters and digits. */
    public static String randomSubscriptionId(SecureRandom random) {
        StringBuilder sb = new StringBuilder(SUBSCRIPTION_ID_LENGTH);
        for (int i = 0; i < SUBSCRIPTION_ID_LENGTH; i++) sb.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        return sb.toString();
    }

    /** An enabled keypair with a fresh P-256 key pair. */
    public static ClientSideKeypair create(String subscriptionId, int siteId, String contact, String name, long nowSec,
                                           SecureRandom random) {
        KeyPair pair = generate(random);
        Base64.Encoder b64 = Base64.getEncoder();
        return new ClientSideKeypair(subscriptionId, PUBLIC_KEY_PREFIX + b64.encodeToString(pair.getPublic().getEncoded()),
                PRIVATE_KEY_PREFIX + b64.encodeToString(pair.getPrivate().getEncoded()), siteId,
                contact == null ? "" : contact, name == null ? "" : name, nowSec, false);
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 key generation is not available", e);
        }
    }
}
