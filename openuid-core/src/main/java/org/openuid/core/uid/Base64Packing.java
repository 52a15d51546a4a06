package org.openuid.core.uid;

/**
 * Lossless packing of salts that are the canonical standard Base64 text (with one {@code =} of padding) of
 * exactly 32 bytes: such a 44-character string is stored as its 32 bytes and re-encoded on use.
 */
public final class Base64Packing {
    public static final int TEXT_LENGTH = 44;
    public static final int BYTE_LENGTH = 32;

    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private Base64Packing() {}

    /**
     * Decodes {@code s[from .. from+44)} into {@code out[offset .. offset+32)} if it is canonical Base64 of 32 bytes.
     * Returns false (leaving garbage in {@code out}) otherwise.
     */
    public static boolean decode(String s, int from, byte[] out, int offset) {
        if (s.charAt(from + 43) != '=') {
            return false;
        }
        int o = offset;
        int i = from;
        for (int group = 0; group < 10; group++, i += 4) {
            int v0 = value(s.charAt(i));
            int v1 = value(s.charAt(i + 1));
            int v2 = value(s.charAt(i + 2));
            int v3 = value(s.charAt(i + 3));
            if ((v0 | v1 | v2 | v3) < 0) {
                return false;
            }
            int bits = (v0 << 18) | (v1 << 12) | (v2 << 6) | v3;
            out[o++] = (byte) (bits >> 16);
            out[o++] = (byte) (bits >> 8);
            out[o++] = (byte) bits;
        }
        int v0 = value(s.charAt(i));
        int v1 = value(s.charAt(i + 1));
        int v2 = value(s.charAt(i + 2));
        if ((v0 | v1 | v2) < 0 || (v2 & 0x03) != 0) {
            return false;
        }
        int bits = (v0 << 12) | (v1 << 6) | v2;
        out[o++] = (byte) (bits >> 10);
        out[o] = (byte) (bits >> 2);
        return true;
    }

    /** Encodes {@code in[offset .. offset+32)} as 44 ASCII bytes into {@code out[0 .. 44)}. */
    public static void encode(byte[] in, int offset, byte[] out) {
        encode(in, offset, out, 0);
    }

    /** Encodes {@code in[offset .. offset+32)} as 44 ASCII bytes into {@code out[outOffset .. outOffset+44)}. */
    public static void encode(byte[] in, int offset, byte[] out, int outOffset) {
        int i = offset;
        int o = outOffset;
        for (int group = 0; group < 10; group++, i += 3) {
            int bits = ((in[i] & 0xFF) << 16) | ((in[i + 1] & 0xFF) << 8) | (in[i + 2] & 0xFF);
            out[o++] = ALPHABET[(bits >>> 18) & 0x3F];
            out[o++] = ALPHABET[(bits >>> 12) & 0x3F];
            out[o++] = ALPHABET[(bits >>> 6) & 0x3F];
            out[o++] = ALPHABET[bits & 0x3F];
        }
        int bits = ((in[i] & 0xFF) << 8) | (in[i + 1] & 0xFF);
        out[o++] = ALPHABET[(bits >>> 10) & 0x3F];
        out[o++] = ALPHABET[(bits >>> 4) & 0x3F];
        out[o++] = ALPHABET[(bits << 2) & 0x3F];
        out[o] = '=';
    }

    private static int value(char c) {
        return c < 128 ? VALUES[c] : -1;
    }
}
