package org.openuid.server.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Standard Base64 with padding (RFC 4648 §4, what {@code java.util.Base64.getEncoder()} writes), encoded two
 * characters at a time: a 4096-entry table maps 12 bits of input to the two characters they become. Six input bytes
 * are read as one big-endian long and their eight characters written as one long, so a block costs four table loads
 * instead of eight. On CPUs without AVX-512 the JDK's encoder is a loop of one table load per character, which was the
 * largest single frame of an identity map answer (the sealed answer is Base64-encoded as a whole).
 */
public final class Base64Pairs {
    private static final byte[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    /** For 12 bits {@code v}: the first character in the low byte, the second in the high byte (little-endian). */
    private static final char[] PAIRS = new char[4096];
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        for (int v = 0; v < 4096; v++) PAIRS[v] = (char) (ALPHABET[v >>> 6] | (ALPHABET[v & 0x3F] << 8));
    }

    private Base64Pairs() {}

    /** Characters that {@code n} bytes encode to, padding included. */
    public static int encodedLength(int n) {
        if (n < 0 || n > Integer.MAX_VALUE / 4 * 3) throw new IllegalArgumentException("length out of range: " + n);
        return (n + 2) / 3 * 4;
    }

    /** The Base64 of {@code src[from .. to)} in a new array of exactly its length. */
    public static byte[] encode(byte[] src, int from, int to) {
        checkRange(src, from, to);
        byte[] out = new byte[encodedLength(to - from)];
        encode(src, from, to, out, 0);
        return out;
    }

    /**
     * Writes the Base64 of {@code src[from .. to)} to {@code dst} from {@code at}; {@code dst} must have room for
     * {@link #encodedLength} bytes there.
     *
     * @return the position after the last character written
     */
    public static int encode(byte[] src, int from, int to, byte[] dst, int at) {
        checkRange(src, from, to);
        int need = encodedLength(to - from);
        if (at < 0 || at > dst.length - need) throw new IndexOutOfBoundsException("no room for " + need + " bytes");
        int i = from;
        int o = at;
        // six bytes per step, read as eight: stop while eight remain readable
        for (int last = to - 8; i <= last; i += 6, o += 8) {
            long bits = (long) LONG_BE.get(src, i);
            long chars = PAIRS[(int) (bits >>> 52)]
                    | (long) PAIRS[(int) (bits >>> 40) & 0xFFF] << 16
                    | (long) PAIRS[(int) (bits >>> 28) & 0xFFF] << 32
                    | (long) PAIRS[(int) (bits >>> 16) & 0xFFF] << 48;
            LONG_LE.set(dst, o, chars);
        }
        for (int last = to - 3; i <= last; i += 3, o += 4) {
            int bits = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
            SHORT_LE.set(dst, o, (short) PAIRS[bits >>> 12]);
            SHORT_LE.set(dst, o + 2, (short) PAIRS[bits & 0xFFF]);
        }
        int rest = to - i;
        if (rest == 1) {
            int b0 = src[i] & 0xFF;
            dst[o] = ALPHABET[b0 >>> 2];
            dst[o + 1] = ALPHABET[(b0 << 4) & 0x3F];
            dst[o + 2] = '=';
            dst[o + 3] = '=';
            o += 4;
        } else if (rest == 2) {
            int bits = (src[i] & 0xFF) << 8 | (src[i + 1] & 0xFF);
            dst[o] = ALPHABET[bits >>> 10];
            dst[o + 1] = ALPHABET[(bits >>> 4) & 0x3F];
            dst[o + 2] = ALPHABET[(bits << 2) & 0x3F];
            dst[o + 3] = '=';
            o += 4;
        }
        return o;
    }

    private static void checkRange(byte[] src, int from, int to) {
        if (from < 0 || to > src.length || from > to) throw new IndexOutOfBoundsException("bad source range");
    }
}
