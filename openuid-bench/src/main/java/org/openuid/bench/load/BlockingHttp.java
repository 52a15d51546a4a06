package org.openuid.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * One keep-alive connection for the driver's setup and checks (never for the measured load): send a request, read the
 * whole response.
 */
final class BlockingHttp implements AutoCloseable {
    /** A response: status and body. */
    record Response(int status, byte[] body) {}

    private final InetSocketAddress address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ResponseParser parser = new ResponseParser(true);
    private final byte[] buffer = new byte[64 * 1024];

    BlockingHttp(InetSocketAddress address) {
        this.address = address;
    }

    Response send(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, 10_000);
            socket.setSoTimeout(60_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }
        out.write(request);
        out.flush();
        parser.reset();
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) throw new IOException("connection closed by the server");
                ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                if (parser.feed(b)) {
                    if (b.hasRemaining()) throw new IOException("unexpected bytes after the response");
                    Response r = new Response(parser.status(), parser.body());
                    if (parser.closes()) close();
                    return r;
                }
            }
        } catch (ResponseParser.ProtocolException e) {
            close();
            throw new IOException(e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (socket != null) socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        socket = null;
    }
}
