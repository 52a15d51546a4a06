package org.openuid.server.http;

/**
 * The byte-level pieces shared by the readers of plain-shape request payloads ({@link DiiArrays#read},
 * {@link FlatObjectReader}): JSON whitespace, the end of the payload, and the characters a string holds as they are.
 */
final class PlainJson {
    private PlainJson() {}

    /** Whether {@code c} stands in a JSON string as itself: printable ASCII other than quote and backslash. */
    static boolean plain(byte c) {
        return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
    }

    /** The index of the first byte at or after {@code i} that is not JSON whitespace. */
    static int ws(byte[] b, int i) {
        while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) i++;
        return i;
    }

    /** Whether only whitespace follows {@code i}. */
    static boolean end(byte[] b, int i) {
        return ws(b, i) == b.length;
    }
}
