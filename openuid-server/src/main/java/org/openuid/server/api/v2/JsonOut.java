package org.openuid.server.api.v2;

/**
 * Hand-built JSON for large answers: strings with only the escaping JSON needs, Base64 without an intermediate
 * string.
 */
final class JsonOut {
    private static final char[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
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

    /** Appends the standard Base64 (with padding) of {@code b} as a JSON string literal. */
    static void base64(StringBuilder sb, byte[] b) {
        sb.append('"');
        int i = 0;
        int full = b.length - b.length % 3;
        for (; i < full; i += 3) {
            int bits = ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8) | (b[i + 2] & 0xFF);
            sb.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 0x3F])
                    .append(BASE64[(bits >>> 6) & 0x3F]).append(BASE64[bits & 0x3F]);
        }
        int rest = b.length - full;
        if (rest == 1) {
            int bits = (b[i] & 0xFF) << 16;
            sb.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 0x3F]).append("==");
        } else if (rest == 2) {
            int bits = ((b[i] & 0xFF) << 16) | ((b[i + 1] & 0xFF) << 8);
            sb.append(BASE64[bits >>> 18]).append(BASE64[(bits >>> 12) & 0x3F]).append(BASE64[(bits >>> 6) & 0x3F]).append('=');
        }
        sb.append('"');
    }
}
