package org.openuid.server.http;

import org.openuid.core.uid.BucketIdEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Hand-built JSON for large answers, written as UTF-8 straight into one growable byte array: no
 * {@code StringBuilder}, no {@code String} of the whole answer, no second encoding pass. A buffer may keep room before
 * the JSON ({@code headroom}) so that an envelope can be sealed around it in place
 * ({@link V2Call#successBody}). Strings are escaped exactly as far as JSON needs: quote, backslash and control
 * characters, plus unpaired surrogates (as {@code \\uXXXX}), so that the bytes are always valid UTF-8.
 *
 * <p>Not thread-safe; one per answer.
 */
public final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** "00", "01", ... "99": two digits per division by 100. */
    private static final byte[] DIGIT_PAIRS = new byte[200];

    static {
        for (int d = 0; d < 100; d++) {
            DIGIT_PAIRS[2 * d] = (byte) ('0' + d / 10);
            DIGIT_PAIRS[2 * d + 1] = (byte) ('0' + d % 10);
        }
    }

    private final int start;
    private byte[] buf;
    private int pos;

    /**
     * @param headroom bytes kept free before the JSON
     * @param expected expected length of the JSON (the buffer grows when it is exceeded)
     */
    public JsonBytes(int headroom, int expected) {
        if (headroom < 0 || expected < 0) throw new IllegalArgumentException("negative size");
        this.start = headroom;
        this.buf = new byte[headroom + Math.max(expected, 16)];
        this.pos = headroom;
    }

    /** The backing array: the JSON is at {@code [headroom, headroom + length())}. Valid until the next write. */
    public byte[] array() { return buf; }

    /** Bytes of JSON written. */
    public int length() { return pos - start; }

    public boolean isEmpty() { return pos == start; }

    /** Makes sure {@code n} more bytes fit without growing. */
    public void ensure(int n) {
        if (buf.length - pos < n) {
            long wanted = Math.max((long) buf.length * 2, (long) pos + n);
            if (wanted > Integer.MAX_VALUE - 16) throw new IllegalStateException("answer too large");
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    /**
     * Appends ASCII text as is (JSON punctuation, field names, tokens and other literals, never user input). The
     * characters are copied as one block (each char's low byte, which is the character itself for ASCII): a token
     * pair is about 600 characters, and a loop over {@code charAt} was a tenth of a generate's CPU time.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is exactly the low-byte block copy
    public JsonBytes ascii(String literal) {
        int n = literal.length();
        ensure(n);
        literal.getBytes(0, n, buf, pos);
        pos += n;
        return this;
    }

    /**
     * Appends ASCII bytes as they are: the same as {@link #ascii(String)} of their text, for literals written once per
     * element of a large answer (one array copy instead of a loop over the characters).
     */
    public JsonBytes ascii(byte[] literal) {
        int n = literal.length;
        ensure(n);
        System.arraycopy(literal, 0, buf, pos, n);
        pos += n;
        return this;
    }

    /** Appends ASCII text built in a reused buffer (e.g. a formatted time), as is. */
    public JsonBytes ascii(StringBuilder text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) buf[pos++] = (byte) text.charAt(i);
        return this;
    }

    /** Appends one ASCII character. */
    public JsonBytes ascii(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
        return this;
    }

    /** Appends what another buffer holds. */
    public JsonBytes append(JsonBytes other) {
        int n = other.length();
        ensure(n);
        System.arraycopy(other.buf, other.start, buf, pos, n);
        pos += n;
        return this;
    }

    /** Appends a decimal integer. */
    public JsonBytes number(long v) {
        if (v == Long.MIN_VALUE) return ascii(Long.toString(v));
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int end = pos + digits(v);
        int i = end;
        while (v >= 100_000_000L) { // eight digits at a time in int arithmetic (a time in ms has 13)
            long q = v / 100_000_000L;
            int r = (int) (v - q * 100_000_000L);
            v = q;
            for (int k = 0; k < 4; k++) {
                int r100 = r / 100;
                i = pair(i, r - r100 * 100);
                r = r100;
            }
        }
        int r = (int) v;
        while (r >= 100) {
            int r100 = r / 100;
            i = pair(i, r - r100 * 100);
            r = r100;
        }
        if (r >= 10) {
            pair(i, r);
        } else {
            buf[i - 1] = (byte) ('0' + r);
        }
        pos = end;
        return this;
    }

    /** Writes the two digits of {@code d} (0..99) ending before {@code i}; returns where they start. */
    private int pair(int i, int d) {
        buf[i - 1] = DIGIT_PAIRS[2 * d + 1];
        buf[i - 2] = DIGIT_PAIRS[2 * d];
        return i - 2;
    }

    /** Decimal digits of {@code v} (not negative). */
    private static int digits(long v) {
        int d = 1;
        for (long p = 10; d < 19 && v >= p; p *= 10) d++;
        return d;
    }

    /** Appends {@code s} as a JSON string literal, or {@code null} for null. */
    public JsonBytes string(String s) {
        if (s == null) return ascii("null");
        ensure(2);
        buf[pos++] = '"';
        stringContent(s);
        ensure(1);
        buf[pos++] = '"';
        return this;
    }

    /**
     * Appends {@code src[from .. to)} in quotes as a JSON string literal. The bytes must be printable ASCII without
     * quote or backslash, which such a literal holds as they are (what {@link #string} would write for their text).
     */
    public JsonBytes quotedAscii(byte[] src, int from, int to) {
        int n = to - from;
        ensure(n + 2);
        buf[pos++] = '"';
        System.arraycopy(src, from, buf, pos, n);
        pos += n;
        buf[pos++] = '"';
        return this;
    }

    /** Appends the standard Base64 (with padding) of {@code b} as a JSON string literal. */
    public JsonBytes base64(byte[] b) {
        ensure(Base64Pairs.encodedLength(b.length) + 2);
        buf[pos++] = '"';
        pos = Base64Pairs.encode(b, 0, b.length, buf, pos);
        buf[pos++] = '"';
        return this;
    }

    /** Appends the public bucket id of integer id {@code id} as a JSON string literal. */
    public JsonBytes bucketId(BucketIdEncoder encoder, long id) {
        ensure(1);
        buf[pos++] = '"';
        stringContent(encoder.prefix());
        ensure(BucketIdEncoder.WRITE_ROOM + 1);
        pos += encoder.writeHashids(id, buf, pos);
        buf[pos++] = '"';
        return this;
    }

    /** The JSON as text (for answers that are not sealed in place). */
    @Override
    public String toString() {
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    private void stringContent(String s) {
        int n = s.length();
        // the common case first: plain ASCII copied without a bounds check per character
        ensure(n);
        int i = 0;
        byte[] b = buf;
        int p = pos;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') break;
            b[p++] = (byte) c;
        }
        pos = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    ensure(1);
                    buf[pos++] = (byte) c;
                } else {
                    escape(c);
                }
            } else if (c < 0x800) {
                ensure(2);
                buf[pos++] = (byte) (0xC0 | (c >> 6));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(4);
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                escape(c);
            } else {
                ensure(3);
                buf[pos++] = (byte) (0xE0 | (c >> 12));
                buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void escape(char c) {
        ensure(6);
        buf[pos++] = '\\';
        switch (c) {
            case '"' -> buf[pos++] = '"';
            case '\\' -> buf[pos++] = '\\';
            case '\n' -> buf[pos++] = 'n';
            case '\r' -> buf[pos++] = 'r';
            case '\t' -> buf[pos++] = 't';
            default -> {
                buf[pos++] = 'u';
                buf[pos++] = HEX[(c >> 12) & 0xF];
                buf[pos++] = HEX[(c >> 8) & 0xF];
                buf[pos++] = HEX[(c >> 4) & 0xF];
                buf[pos++] = HEX[c & 0xF];
            }
        }
    }
}
