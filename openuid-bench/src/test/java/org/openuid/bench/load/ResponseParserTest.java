package org.openuid.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResponseParserTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void readsAResponseSplitAnywhere() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 11\r\n\r\nhello world";
        for (int split = 1; split < response.length(); split++) {
            ResponseParser p = new ResponseParser(true);
            assertThat(p.feed(bytes(response.substring(0, split)))).isFalse();
            assertThat(p.feed(bytes(response.substring(split)))).isTrue();
            assertThat(p.status()).isEqualTo(200);
            assertThat(new String(p.body(), StandardCharsets.US_ASCII)).isEqualTo("hello world");
            assertThat(p.closes()).isFalse();
        }
    }

    @Test
    void stopsAtTheEndOfTheResponseAndResets() throws Exception {
        ResponseParser p = new ResponseParser(false);
        ByteBuffer two = bytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n");
        assertThat(p.feed(two)).isTrue();
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.closes()).isTrue();
        p.reset();
        assertThat(p.feed(two)).isTrue();
        assertThat(p.status()).isEqualTo(204);
        assertThat(two.hasRemaining()).isFalse();
    }

    @Test
    void refusesWhatItCannotFrame() {
        assertThatThrownBy(() -> new ResponseParser(false).feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")))
                .isInstanceOf(ResponseParser.ProtocolException.class);
        assertThatThrownBy(() -> new ResponseParser(false).feed(bytes("HTTP/1.1 200 OK\r\n\r\n")))
                .isInstanceOf(ResponseParser.ProtocolException.class);
        assertThatThrownBy(() -> new ResponseParser(false).feed(bytes("SSH-2.0-OpenSSH\r\n\r\n")))
                .isInstanceOf(ResponseParser.ProtocolException.class);
    }
}
