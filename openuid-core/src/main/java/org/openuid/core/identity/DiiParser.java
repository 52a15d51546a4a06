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
     * {@link #parse(DiiKind, String)} of the text held as ASCII bytes in {@code ascii[from .. to)} (every byte below
     * 0x80), without making a string of a hash input.
     */
    public static UserIdentity parse(DiiKind kind, byte[] ascii, int from, int to) {
        if (kind == null) {
            return null;
        }
        if (!kind.hashed) {
            return parse(kind, new String(ascii, from, to - from, StandardCharsets.ISO_8859_1));
        }
        byte[] hash = to - from == BASE64_HASH_LENGTH ? decodeBase64Hash(ascii, from)
                : to - from == HEX_HASH_LENGTH ? decodeHex(ascii, from) : null;
        return hash == null ? null : new UserIdentity(kind.type, hash);
    }

    /**
     * 44 ASCII bytes decoded exactly as {@code Base64.getDecoder().decode} decodes them: 44 characters of the
     * alphabet (33 bytes), 43 and one {@code =} (32 bytes) or 42 and {@code ==} (31 bytes); the bits left over in the
     * last character are ignored, as there. Anything else is invalid.
     */
    private static byte[] decodeBase64Hash(byte[] a, int from) {
        boolean pad1 = a[from + 43] == '=';
        boolean pad2 = a[from + 42] == '=';
        if (pad2 && !pad1) return null;
        int chars = pad2 ? 42 : pad1 ? 43 : 44;
        byte[] out = new byte[chars * 3 / 4];
        int o = 0;
        int i = from;
        int end = from + chars;
        for (; i + 4 <= end; i += 4) {
            int bits = (b64(a[i]) << 18) | (b64(a[i + 1]) << 12) | (b64(a[i + 2]) << 6) | b64(a[i + 3]);
            if (bits < 0) return null;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        if (end - i == 3) {
            int bits = (b64(a[i]) << 18) | (b64(a[i + 1]) << 12) | (b64(a[i + 2]) << 6);
            if (bits < 0) return null;
            out[o++] = (byte) (bits >> 16);
            out[o] = (byte) (bits >> 8);
        } else if (end - i == 2) {
            int bits = (b64(a[i]) << 18) | (b64(a[i + 1]) << 12);
            if (bits < 0) return null;
            out[o] = (byte) (bits >> 16);
        }
        return out;
    }

    /**
     * Whether {@code a[from .. to)} is exactly the standard Base64 text of 32 bytes as an encoder writes it: 43
     * characters of the alphabet, the last carrying no bits beyond the 256 (its two low bits zero), then {@code =}.
     * Such an input decodes to 32 bytes whose Base64 is this very text, so the first-level hash can be taken of the
     * text as sent ({@link org.openuid.core.uid.FirstLevelHasher#firstLevelHashOfText}).
     */
    public static boolean isCanonicalBase64Hash(byte[] a, int from, int to) {
        if (to - from != BASE64_HASH_LENGTH || a[to - 1] != '=') return false;
        int all = 0;
        for (int i = from; i < to - 1; i++) all |= b64(a[i]);
        return all >= 0 && (b64(a[to - 2]) & 3) == 0;
    }

    /** The value of a standard Base64 character, or -1 (every OR of shifted values with it stays negative). */
    private static int b64(byte c) {
        return c < 0 ? -1 : BASE64_VALUES[c];
    }

    private static final int[] BASE64_VALUES = new int[128];

    static {
        java.util.Arrays.fill(BASE64_VALUES, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) BASE64_VALUES[alphabet.charAt(i)] = i;
    }

    private static byte[] decodeHex(byte[] a, int from) {
        byte[] out = new byte[HEX_HASH_LENGTH / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = hexValue((char) a[from + 2 * i]);
            int lo = hexValue((char) a[from + 2 * i + 1]);
            if ((hi | lo) < 0) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
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
