package org.openuid.server.http;

/**
 * Reads the named fields of a request payload without a JSON parser when the payload has the plain shape every SDK
 * sends: one flat object whose names and string values are printable ASCII without escapes, and whose other values
 * are small integers, {@code true}, {@code false} or {@code null}, with JSON whitespace between tokens. Anything else
 * (escapes, non-ASCII text, fractions, exponents, nested values, comments, a second value after the object...) is
 * left to {@link Json#objectFields}, which decides exactly as the JSON parser does; for a plain payload both give the
 * same values, so the reader changes only the cost: creating a parser was a visible share of a generate.
 */
final class FlatObjectReader {
    /** Integers longer than this are left to the parser (a long holds any of them). */
    private static final int MAX_DIGITS = 18;

    private FlatObjectReader() {}

    /**
     * @return the values of {@code names} as {@link Json#objectFields} returns them, or null when the payload is not
     *         of the plain shape (then nothing is known about it)
     */
    static String[] read(byte[] json, String[] names) {
        String[] values = new String[names.length];
        int n = json.length;
        int i = PlainJson.ws(json, 0);
        if (i >= n || json[i] != '{') return null;
        i = PlainJson.ws(json, i + 1);
        if (i < n && json[i] == '}') return PlainJson.end(json, i + 1) ? values : null;
        while (true) {
            if (i >= n || json[i] != '"') return null;
            int nameStart = i + 1;
            int nameEnd = plainString(json, nameStart);
            if (nameEnd < 0) return null;
            i = PlainJson.ws(json, nameEnd + 1);
            if (i >= n || json[i] != ':') return null;
            i = PlainJson.ws(json, i + 1);
            if (i >= n) return null;
            int field = indexOf(names, json, nameStart, nameEnd);
            String value;
            byte c = json[i];
            if (c == '"') {
                int valueEnd = plainString(json, i + 1);
                if (valueEnd < 0) return null;
                value = field < 0 ? null : latin1(json, i + 1, valueEnd);
                i = valueEnd + 1;
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                int numberEnd = integerEnd(json, i);
                if (numberEnd < 0) return null;
                value = field < 0 ? null : Long.toString(Long.parseLong(latin1(json, i, numberEnd)));
                i = numberEnd;
            } else if (literal(json, i, "true")) {
                value = "true";
                i += 4;
            } else if (literal(json, i, "false")) {
                value = "false";
                i += 5;
            } else if (literal(json, i, "null")) {
                value = null;
                i += 4;
            } else {
                return null;
            }
            if (field >= 0) values[field] = value;
            i = PlainJson.ws(json, i);
            if (i >= n) return null;
            if (json[i] == '}') return PlainJson.end(json, i + 1) ? values : null;
            if (json[i] != ',') return null;
            i = PlainJson.ws(json, i + 1);
        }
    }

    /** The index of the closing quote of a string of printable ASCII without escapes that starts at {@code i}; else -1. */
    private static int plainString(byte[] json, int i) {
        for (; i < json.length; i++) {
            if (json[i] == '"') return i;
            if (!PlainJson.plain(json[i])) return -1;
        }
        return -1;
    }

    /** The end of an integer without fraction or exponent and without leading zeros; -1 for any other number. */
    private static int integerEnd(byte[] json, int i) {
        int start = json[i] == '-' ? i + 1 : i;
        int j = start;
        while (j < json.length && json[j] >= '0' && json[j] <= '9') j++;
        int digits = j - start;
        if (digits == 0 || digits > MAX_DIGITS || (digits > 1 && json[start] == '0')) return -1;
        if (j < json.length) {
            byte c = json[j];
            if (c == '.' || c == 'e' || c == 'E') return -1;
        }
        return j;
    }

    /** The literal followed by a delimiter (whitespace, comma, closing brace or the end). */
    private static boolean literal(byte[] json, int i, String word) {
        int end = i + word.length();
        if (end > json.length) return false;
        for (int k = 0; k < word.length(); k++) {
            if (json[i + k] != word.charAt(k)) return false;
        }
        if (end == json.length) return true;
        byte c = json[end];
        return c == ',' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static int indexOf(String[] names, byte[] json, int from, int to) {
        int len = to - from;
        for (int k = 0; k < names.length; k++) {
            String name = names[k];
            if (name.length() != len) continue;
            int m = 0;
            while (m < len && json[from + m] == name.charAt(m)) m++;
            if (m == len) return k;
        }
        return -1;
    }

    @SuppressWarnings("deprecation") // String(byte[], int hibyte, int, int): ASCII bytes as they are
    private static String latin1(byte[] json, int from, int to) {
        return new String(json, 0, from, to - from);
    }
}
