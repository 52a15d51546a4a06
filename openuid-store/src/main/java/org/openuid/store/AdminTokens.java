package org.openuid.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * Admin API tokens: {@code OUID-A-<8 characters>-<40 characters>} (letters and digits, about 238 random bits in the
 * secret part). The token id is the token up to the second dash ({@code OUID-A-xxxxxxxx}); the store keeps only
 * {@code SHA-512(salt ‖ UTF-8(token))} with a 32-byte random salt, compared in constant time.
 */
public final class AdminTokens {
    public static final String PREFIX = "OUID-A-";
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final int ID_CHARS = 8;
    private static final int SECRET_CHARS = 40;
    private static final int SALT_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DUMMY_SALT = new byte[SALT_BYTES];
    private static final byte[] DUMMY_HASH = new byte[64];

    private AdminTokens() {}

    /** A new enabled token labelled {@code name}, created at {@code nowSec}. */
    public static NewAdminToken create(String name, long nowSec) {
        String id = PREFIX + randomChars(ID_CHARS);
        String token = id + "-" + randomChars(SECRET_CHARS);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new NewAdminToken(new AdminToken(id, name == null ? "" : name, hash(salt, token), salt, nowSec, false), token);
    }

    /** The token id part of a presented token, or null when it does not have the token's shape. */
    public static String idOf(String token) {
        if (token == null || !token.startsWith(PREFIX)) return null;
        int dash = token.indexOf('-', PREFIX.length());
        if (dash != PREFIX.length() + ID_CHARS || token.length() != dash + 1 + SECRET_CHARS) return null;
        return token.substring(0, dash);
    }

    /**
     * The enabled token among {@code tokens} that {@code presented} is, if any. The hash comparison is constant-time
     * and a hash is computed even when no token has the presented id, so timing does not tell ids apart.
     */
    public static Optional<AdminToken> verify(List<AdminToken> tokens, String presented) {
        String id = idOf(presented);
        AdminToken candidate = null;
        if (id != null) {
            for (AdminToken t : tokens) if (t.tokenId().equals(id)) candidate = t;
        }
        String text = presented == null ? "" : presented;
        if (candidate == null) {
            MessageDigest.isEqual(hash(DUMMY_SALT, text), DUMMY_HASH);
            return Optional.empty();
        }
        boolean ok = MessageDigest.isEqual(hash(candidate.salt(), text), candidate.hash());
        return ok && !candidate.disabled() ? Optional.of(candidate) : Optional.empty();
    }

    /** {@code SHA-512(salt ‖ UTF-8(token))}. */
    public static byte[] hash(byte[] salt, String token) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            md.update(salt);
            md.update(token.getBytes(StandardCharsets.UTF_8));
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is not available", e);
        }
    }

    private static String randomChars(int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) out[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
        return new String(out);
    }
}
