package org.openuid.bench.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Incremental parser of HTTP/1.1 responses framed by {@code Content-Length} (the operator frames every answer that
 * way), one response at a time on a keep-alive connection. The body is skipped unless capture is on.
 */
final class ResponseParser {
    private static final int MAX_HEAD = 16 * 1024;

    private final byte[] head = new byte[MAX_HEAD];
    private final boolean capture;
    private int headLength;
    private boolean inBody;
    private long remaining;
    private int status;
    private boolean close;
    private ByteArrayOutputStream body;

    ResponseParser(boolean capture) {
        this.capture = capture;
    }

    /**
     * Consumes bytes from {@code buf} up to the end of the current response.
     *
     * @return true when a complete response has been read (then {@link #status()} etc. describe it until
     * {@link #reset()})
     * @throws ProtocolException when the response is not something this parser understands
     */
    boolean feed(ByteBuffer buf) throws ProtocolException {
        while (!inBody) {
            if (!buf.hasRemaining()) return false;
            if (headLength == MAX_HEAD) throw new ProtocolException("response head longer than " + MAX_HEAD + " bytes");
            byte b = buf.get();
            head[headLength++] = b;
            if (b == '\n' && headLength >= 4 && head[headLength - 2] == '\r' && head[headLength - 3] == '\n'
                    && head[headLength - 4] == '\r') {
                parseHead();
                inBody = true;
                if (capture) body = new ByteArrayOutputStream((int) Math.min(remaining, 1 << 20));
            }
        }
        int n = (int) Math.min(remaining, buf.remaining());
        if (capture) {
            byte[] chunk = new byte[n];
            buf.get(chunk);
            body.write(chunk, 0, n);
        } else {
            buf.position(buf.position() + n);
        }
        remaining -= n;
        return remaining == 0;
    }

    private void parseHead() throws ProtocolException {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) throw new ProtocolException("not an HTTP/1.1 response");
        try {
            status = Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad status line");
        }
        long length = -1;
        close = false;
        int lineStart = text.indexOf("\r\n") + 2;
        while (lineStart < text.length() - 2) {
            int lineEnd = text.indexOf("\r\n", lineStart);
            int colon = text.indexOf(':', lineStart);
            if (colon > 0 && colon < lineEnd) {
                String name = text.substring(lineStart, colon).trim();
                String value = text.substring(colon + 1, lineEnd).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    throw new ProtocolException("chunked responses are not supported by the load driver");
                } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            lineStart = lineEnd + 2;
        }
        if (length < 0) throw new ProtocolException("response without Content-Length");
        remaining = length;
    }

    int status() { return status; }

    /** Whether the server said it will close the connection after this response. */
    boolean closes() { return close; }

    /** The captured body (capture mode only). */
    byte[] body() { return body == null ? new byte[0] : body.toByteArray(); }

    void reset() {
        headLength = 0;
        inBody = false;
        remaining = 0;
        status = 0;
        body = null;
    }

    /** A response the driver cannot parse (the run is then invalid). */
    static final class ProtocolException extends Exception {
        ProtocolException(String message) { super(message); }
    }
}
