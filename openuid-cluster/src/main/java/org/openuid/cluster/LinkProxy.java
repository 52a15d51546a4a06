package org.openuid.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network between one node and one PostgreSQL server: a TCP forwarder on a loopback port that the bench can
 * <em>block</em> like a firewall rule dropping packets (connections stay open but nothing passes; new connections
 * are accepted by the kernel but never answered) and <em>unblock</em> (held traffic flows on, as after a network
 * partition heals). When its target refuses (PostgreSQL down), the node's connection is closed at once, as the
 * real network would answer with a reset.
 */
final class LinkProxy implements AutoCloseable {
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean blocked;

    LinkProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0), 200);
        Thread t = new Thread(this::accept, "link-" + listener.getLocalPort() + "-" + targetPort);
        t.setDaemon(true);
        t.start();
    }

    int port() { return listener.getLocalPort(); }

    void block() { blocked = true; }

    void unblock() {
        synchronized (gate) {
            blocked = false;
            gate.notifyAll();
        }
    }

    private void awaitOpen() throws InterruptedException {
        synchronized (gate) {
            while (blocked) gate.wait(1000);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Thread t = new Thread(() -> connect(client), "link-connect");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitOpen();
            Socket upstream = new Socket();
            try {
                upstream.connect(new InetSocketAddress("127.0.0.1", targetPort), 5000);
            } catch (IOException refused) {
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            sockets.add(client);
            sockets.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        } catch (InterruptedException | IOException e) {
            closeQuietly(client);
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    awaitOpen();
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "link-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        unblock();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) closeQuietly(s);
    }
}
