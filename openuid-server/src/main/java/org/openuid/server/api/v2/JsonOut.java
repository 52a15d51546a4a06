package org.openuid.server.api.v2;

/**
 * Hand-built JSON strings with only the escaping JSON needs, for answers built in a {@code StringBuilder} (the
 * byte-built twin is {@link org.openuid.server.http.JsonBytes}).
 */
final class JsonOut {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonOut() {}

    /** Appends {@code s} as a JSON string literal ({@code null} for null). Unpaired surrogates are escaped. */
    static void string(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        int n = s.length();
        int plain = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            sb.append(s, plain, i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                        .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        sb.append(s, plain, n).append('"');
    }
}
