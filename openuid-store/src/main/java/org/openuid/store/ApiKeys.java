package org.openuid.store;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creation and checking of API keys in the upstream format {@code UID2-C-L-<siteId>-<6 chars>.<38 chars>}
 * (characters from the Base64 alphabet). The key id is the key up to and including the fifth of the six
 * characters (e.g. {@code UID2-C-L-100-fCXrM}); only {@code SHA-512(salt ‖ UTF-8(key))} with a 32-byte random salt
 * is stored (spec keys-and-data.md §3), next to a random 32-byte client secret.
 */
public final class ApiKeys {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final String PREFIX = "UID2-C-L-";
    private static final int FIRST_PART = 6;
    private static final int SECOND_PART = 38;
    private static final int SALT_BYTES = 32;
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** Creates a new enabled client key for {@code siteId} with the given roles, created at {@code nowSec}. */
    public static NewClientKey create(int siteId, String name, Set<Role> roles, long nowSec) {
        return create(siteId, name, roles, nowSec, RANDOM);
    }

    /** As {@link #create(int, String, Set, long)} with the given source of randomness. */
    public static NewClientKey create(int siteId, String name, Set<Role> roles, long nowSec, SecureRandom random) {
        if (siteId < 0) throw new IllegalArgumentException("site id must not be negative");
        String first = randomChars(random, FIRST_PART);
        String key = PREFIX + siteId + "-" + first + "." + randomChars(random, SECOND_PART);
        String keyId = PREFIX + siteId + "-" + first.substring(0, FIRST_PART - 1);
        byte[] salt = randomBytes(random, SALT_BYTES);
        byte[] secret = randomBytes(random, SECRET_BYTES);
        Set<Role> roleSet = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        String label = name == null ? "" : name;
        ClientKey client = new ClientKey(keyId, hash(salt, key), salt, secret, label, label, nowSec, roleSet, siteId,
                false, 0);
        return new NewClientKey(client, key, Base64.getEncoder().encodeToString(secret));
    }

    /** {@code SHA-512(salt ‖ UTF-8(apiKey))}. */
    public static byte[] hash(byte[] salt, String apiKey) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(salt);
            md.update(apiKey.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    /** True when {@code apiKey} is the key of {@code client} (constant-time comparison of the hashes). */
    public static boolean matches(ClientKey client, String apiKey) {
        return MessageDigest.isEqual(hash(client.keySalt(), apiKey), client.keyHash());
    }

    static String randomChars(SecureRandom random, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(out);
    }

    public static byte[] randomBytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
