package org.openuid.core.uid;

import java.nio.charset.StandardCharsets;

/**
 * Public bucket id = prefix + Hashids(id) with salt = id secret, min length 9 (spec keys-and-data.md §6.3). Thread-safe.
 *
 * <p>This is the Hashids v1 algorithm (default alphabet and separators) for a single non-negative number.
 *
 * <p>{@link #writeHashids} computes the text straight into a byte array: for every id whose text needs at most one
 * padding round (all ids, with the default alphabet and minimum length) the result is a window of
 * {@code padding[half..] ‖ guarded digits ‖ padding[..half]}, so it is read off without building and trimming strings.
 * Identity map v2 answers one bucket id per identity, and this takes it from about the cost of a SHA-256 to a few
 * nanoseconds. The string-building {@link #hashids} is the reference the tests hold it to.
 */
public final class BucketIdEncoder {
    /**
     * Room {@link #writeHashids} needs after its offset: the text is at most 16 characters, and the 16 bytes after it
     * are used as scratch.
     */
    public static final int WRITE_ROOM = 32;
    private static final int SCRATCH = 16;
    /** Where the digits end in the scratch area, leaving room for the trailing guard. */
    private static final int CORE_END = 14;

    static final String DEFAULT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890";
    static final String DEFAULT_SEPARATORS = "cfhistuCFHISTU";
    static final int MIN_LENGTH = 9;

    private static final double SEP_DIV = 3.5;
    private static final int GUARD_DIV = 12;

    private final String prefix;
    private final char[] salt;
    private final int minLength;
    private final char[] alphabet;
    private final char[] guards;
    /** {@code h % alphabet.length} for each {@code h = id % 100}. */
    private final int[] lotteryIndex = new int[100];
    /**
     * Division of non-negative ints by the alphabet length as a multiplication: {@code q = (x * magic) >>> shift}
     * with {@code shift = 31 + ceil(log2 length)} and {@code magic = ceil(2^shift / length)} is exact for every
     * {@code 0 <= x < 2^31} (Granlund and Montgomery, 1994), and the product stays below 2^63.
     */
    private final long divisorMagic;
    private final int divisorShift;
    /** The per-number alphabet depends only on the lottery character: precomputed for each. */
    private final char[][] alphabetByLottery;
    /** The alphabet of the first padding round, also fixed per lottery character. */
    private final char[][] paddingByLottery;

    public BucketIdEncoder(String prefix, String secret) {
        this(prefix, secret, MIN_LENGTH);
    }

    BucketIdEncoder(String prefix, String secret, int minLength) {
        this.prefix = prefix == null ? "" : prefix;
        this.salt = (secret == null ? "" : secret).toCharArray();
        this.minLength = minLength;

        StringBuilder alpha = new StringBuilder();
        for (char c : DEFAULT_ALPHABET.toCharArray()) {
            if (alpha.indexOf(String.valueOf(c)) < 0) alpha.append(c);
        }
        StringBuilder seps = new StringBuilder();
        for (char c : DEFAULT_SEPARATORS.toCharArray()) {
            int at = alpha.indexOf(String.valueOf(c));
            if (at >= 0) {
                seps.append(c);
                alpha.deleteCharAt(at);
            }
        }
        char[] sepChars = shuffle(seps.toString().toCharArray(), salt);
        char[] alphaChars = alpha.toString().toCharArray();
        if (sepChars.length == 0 || (double) alphaChars.length / sepChars.length > SEP_DIV) {
            int sl = (int) Math.ceil(alphaChars.length / SEP_DIV);
            if (sl == 1) sl = 2;
            if (sl > sepChars.length) {
                int d = sl - sepChars.length;
                char[] grown = new char[sl];
                System.arraycopy(sepChars, 0, grown, 0, sepChars.length);
                System.arraycopy(alphaChars, 0, grown, sepChars.length, d);
                sepChars = grown;
                alphaChars = java.util.Arrays.copyOfRange(alphaChars, d, alphaChars.length);
            } else {
                sepChars = java.util.Arrays.copyOf(sepChars, sl);
            }
        }
        alphaChars = shuffle(alphaChars, salt);
        int g = (int) Math.ceil((double) alphaChars.length / GUARD_DIV);
        if (alphaChars.length < 3) {
            guards = java.util.Arrays.copyOf(sepChars, g);
        } else {
            guards = java.util.Arrays.copyOf(alphaChars, g);
            alphaChars = java.util.Arrays.copyOfRange(alphaChars, g, alphaChars.length);
        }
        this.alphabet = alphaChars;
        int len = alphabet.length;
        for (int h = 0; h < 100; h++) lotteryIndex[h] = h % len;
        int log = 32 - Integer.numberOfLeadingZeros(len - 1);
        this.divisorShift = 31 + log;
        this.divisorMagic = ((1L << divisorShift) + len - 1) / len;
        this.alphabetByLottery = new char[len][];
        this.paddingByLottery = new char[len][];
        for (int k = 0; k < len; k++) {
            char[] shuffleSalt = new char[len];
            shuffleSalt[0] = alphabet[k];
            int filled = 1;
            for (int i = 0; i < salt.length && filled < len; i++) shuffleSalt[filled++] = salt[i];
            for (int i = 0; i < len && filled < len; i++) shuffleSalt[filled++] = alphabet[i];
            alphabetByLottery[k] = shuffle(alphabet.clone(), shuffleSalt);
            paddingByLottery[k] = shuffle(alphabetByLottery[k].clone(), alphabetByLottery[k].clone());
        }
    }

    public String encode(long id) {
        byte[] text = new byte[WRITE_ROOM];
        int n = writeHashids(id, text, 0);
        return prefix + new String(text, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** The prefix that comes before the Hashids text in a public bucket id. */
    public String prefix() { return prefix; }

    /**
     * Writes the Hashids text of {@code id} (ASCII letters and digits, without the prefix) into {@code out} at
     * {@code offset}, which must leave {@value #WRITE_ROOM} bytes of room (those after the text are overwritten).
     *
     * @return the number of bytes written
     */
    public int writeHashids(long id, byte[] out, int offset) {
        if (id < 0) {
            throw new IllegalArgumentException("bucket id must be non-negative: " + id);
        }
        java.util.Objects.checkFromIndexSize(offset, WRITE_ROOM, out.length);
        int len = alphabet.length;
        int h = (int) (id % 100);
        // the guarded digits ("core") in the scratch area: [guard] lottery digits... [guard], ending before coreEnd
        int coreEnd = offset + SCRATCH + CORE_END;
        int at = coreEnd;
        char[] alpha = alphabetByLottery[lotteryIndex[h]];
        if (id <= Integer.MAX_VALUE) {
            int rest = (int) id;
            do {
                int q = (int) ((rest * divisorMagic) >>> divisorShift);
                out[--at] = (byte) alpha[rest - q * len];
                rest = q;
            } while (rest > 0);
        } else {
            long rest = id;
            do {
                out[--at] = (byte) alpha[(int) (rest % len)];
                rest /= len;
            } while (rest > 0);
        }
        out[--at] = (byte) alphabet[lotteryIndex[h]];
        int start = at;
        int c = coreEnd - at;
        if (c < minLength) {
            start--;
            out[start] = (byte) guards[(h + out[start + 1]) % guards.length];
            c++;
            if (c < minLength) {
                out[start + c] = (byte) guards[(h + out[start + 2]) % guards.length];
                c++;
            }
        }
        if (c >= minLength) {
            System.arraycopy(out, start, out, offset, c);
            return c;
        }
        if (len + c < minLength || minLength > SCRATCH) return writeAscii(hashids(id), out, offset);
        // one padding round: the text is minLength characters from the middle of padding[half..] + core + padding[..half]
        char[] padding = paddingByLottery[lotteryIndex[h]];
        int half = len / 2;
        int head = len - half;
        int from = (head + c + half - minLength) / 2;
        for (int j = 0; j < minLength; j++) {
            int i = from + j;
            out[offset + j] = i < head ? (byte) padding[half + i]
                    : i < head + c ? out[start + i - head]
                    : (byte) padding[i - head - c];
        }
        return minLength;
    }

    private static int writeAscii(String text, byte[] out, int offset) {
        for (int i = 0; i < text.length(); i++) out[offset + i] = (byte) text.charAt(i);
        return text.length();
    }

    /** The Hashids text of {@code n} built as in the reference implementation (no prefix). */
    String hashids(long n) {
        int len = alphabet.length;
        int h = (int) (n % 100);
        char lottery = alphabet[h % len];
        char[] alpha = alphabetByLottery[h % len];

        StringBuilder ret = new StringBuilder(Math.max(minLength, 16));
        ret.append(lottery);
        int digitsStart = ret.length();
        long rest = n;
        do {
            ret.insert(digitsStart, alpha[(int) (rest % len)]);
            rest /= len;
        } while (rest > 0);

        if (ret.length() < minLength) {
            ret.insert(0, guards[(h + ret.charAt(0)) % guards.length]);
            if (ret.length() < minLength) {
                ret.append(guards[(h + ret.charAt(2)) % guards.length]);
            }
        }
        int half = len / 2;
        boolean first = true;
        while (ret.length() < minLength) {
            alpha = first ? paddingByLottery[h % len] : shuffle(alpha.clone(), alpha.clone());
            first = false;
            ret.insert(0, alpha, half, len - half);
            ret.append(alpha, 0, half);
            int excess = ret.length() - minLength;
            if (excess > 0) {
                int from = excess / 2;
                String kept = ret.substring(from, from + minLength);
                ret.setLength(0);
                ret.append(kept);
            }
        }
        return ret.toString();
    }

    /** The Hashids "consistent shuffle" of {@code a} in place; returns {@code a}. */
    static char[] shuffle(char[] a, char[] salt) {
        if (salt.length == 0) {
            return a;
        }
        for (int i = a.length - 1, v = 0, p = 0; i > 0; i--, v++) {
            v %= salt.length;
            int c = salt[v];
            p += c;
            int j = (c + v + p) % i;
            char tmp = a[i];
            a[i] = a[j];
            a[j] = tmp;
        }
        return a;
    }
}
