package org.openuid.server.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PlainJson}: JSON whitespace, the end of a payload, and the characters a string holds as they are. */
class PlainJsonTest {
    @Test
    void plainCharactersArePrintableAsciiWithoutQuoteOrBackslash() {
        for (int c = -128; c < 128; c++) {
            boolean expected = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
            assertThat(PlainJson.plain((byte) c)).as("byte %d", c).isEqualTo(expected);
        }
    }

    @Test
    void whitespaceIsTheFourJsonCharacters() {
        byte[] b = " \t\r\n\u000bx".getBytes(StandardCharsets.US_ASCII);
        assertThat(PlainJson.ws(b, 0)).isEqualTo(4);
        assertThat(PlainJson.end(b, 0)).isFalse();
        assertThat(PlainJson.end(" \n ".getBytes(StandardCharsets.US_ASCII), 0)).isTrue();
        assertThat(PlainJson.end(new byte[0], 0)).isTrue();
    }
}
