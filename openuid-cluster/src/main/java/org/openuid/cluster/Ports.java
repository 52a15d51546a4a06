package org.openuid.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Free loopback ports, never the same one twice in one run. */
final class Ports {
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {}

    static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                int port = s.getLocalPort();
                if (HANDED_OUT.add(port)) return port;
            } catch (IOException e) {
                throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no free loopback port");
    }
}
