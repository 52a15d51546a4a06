package org.openuid.core.uid;

/**
 * Public bucket id = prefix + Hashids(id) with salt = id secret, min length 9 (spec keys-and-data.md §6.3). Thread-safe.
 *
 * <p>This is the Hashids v1 algorithm (default alphabet and separators) for a single non-negative number.
 */
public final class BucketIdEncoder {
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
        if (id < 0) {
            throw new IllegalArgumentException("bucket id must be non-negative: " + id);
        }
        return prefix + hashids(id);
    }

    private String hashids(long n) {
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
