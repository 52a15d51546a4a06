package org.openuid.core.identity;

import org.openuid.core.crypto.Sha256;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns one request input (email, email_hash, phone, phone_hash) into a {@link UserIdentity}:
 * normalise and hash raw DII, decode Base64 (44 chars) or hex (64 chars) hashes (spec normalization.md §1-3).
 */
public final class DiiParser {
    private static final int BASE64_HASH_LENGTH = 44;
    private static final int HEX_HASH_LENGTH = 64;

    private DiiParser() {}

    /** @return the identity, or {@code null} when the value is invalid for its kind */
    public static UserIdentity parse(DiiKind kind, String value) {
        if (kind == null || value == null) {
            return null;
        }
        byte[] hash;
        if (kind.hashed) {
            hash = decodeHash(value);
        } else if (kind.type == IdentityType.EMAIL) {
            String normalized = EmailNormalizer.normalize(value);
            hash = normalized == null ? null : Sha256.hash(normalized.getBytes(StandardCharsets.UTF_8));
        } else {
            hash = PhoneValidator.isValid(value) ? Sha256.hash(value.getBytes(StandardCharsets.US_ASCII)) : null;
        }
        return hash == null ? null : new UserIdentity(kind.type, hash);
    }

    /**
     * Decodes a hash input (normalization.md §3): 44 characters of standard Base64 (padding optional, so an
     * unpadded string yields 33 bytes), else 64 hex digits of either case.
     *
     * @return the identity hash, or null when invalid
     */
    public static byte[] decodeHash(String value) {
        if (value == null) {
            return null;
        }
        if (value.length() == BASE64_HASH_LENGTH) {
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        if (value.length() == HEX_HASH_LENGTH) {
            byte[] out = new byte[HEX_HASH_LENGTH / 2];
            for (int i = 0; i < out.length; i++) {
                int hi = hexValue(value.charAt(2 * i));
                int lo = hexValue(value.charAt(2 * i + 1));
                if ((hi | lo) < 0) {
                    return null;
                }
                out[i] = (byte) ((hi << 4) | lo);
            }
            return out;
        }
        return null;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
