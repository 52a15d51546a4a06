package org.openuid.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Ready-to-send HTTP/1.1 requests (head and body in one direct, read-only buffer). */
final class HttpRequests {
    private final String host;

    HttpRequests(String host) {
        this.host = host;
    }

    /**
     * @param bearer API key or null
     * @param extraHeader a whole header line without CRLF (e.g. an Origin), or null
     */
    byte[] post(String path, String bearer, String contentType, String extraHeader, byte[] body) {
        StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\n");
        if (bearer != null) head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        if (extraHeader != null) head.append(extraHeader).append("\r\n");
        head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    byte[] get(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    static ByteBuffer direct(byte[] request) {
        ByteBuffer b = ByteBuffer.allocateDirect(request.length);
        b.put(request).flip();
        return b.asReadOnlyBuffer();
    }
}
