package org.openuid.server;

import org.openuid.server.config.OperatorConfig;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The listeners a node is configured for (public API, admin, ops), checked before the node touches its store: a port
 * that another process holds fails the start at once, with a message naming it, instead of after a new store has
 * been created.
 */
final class Listeners {
    /** One configured listener; {@code port} 0 asks for any free port; {@code setting} is how to change it. */
    record Listener(String name, String host, int port, String setting) {}

    private Listeners() {}

    static List<Listener> configured(OperatorConfig config) {
        List<Listener> all = new ArrayList<>();
        all.add(new Listener("public API", config.bindHost(), config.port(), "--port, OPENUID_PORT or port"));
        if (config.admin().enabled())
            all.add(new Listener("admin listener", config.admin().bindHost(), config.admin().port(), "--admin-port, OPENUID_ADMIN_PORT or admin_port"));
        if (config.opsPort() >= 0) all.add(new Listener("ops listener", config.opsBindHost(), config.opsPort(),
                "--ops-port, OPENUID_OPS_PORT or ops_port; -1 turns it off"));
        return all;
    }

    /** @throws IllegalStateException naming the port when two listeners share one or another process holds one */
    static void ensureFree(OperatorConfig config) {
        List<Listener> all = configured(config);
        for (int i = 0; i < all.size(); i++) {
            Listener l = all.get(i);
            if (l.port() == 0) continue;
            for (int j = 0; j < i; j++) {
                if (all.get(j).port() == l.port())
                    throw new IllegalStateException("the " + all.get(j).name() + " and the " + l.name() + " are both configured on port "
                            + l.port() + ": give the " + l.name() + " another port (" + l.setting() + ")");
            }
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new InetSocketAddress(l.host(), l.port()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on " + l.host() + ":" + l.port() + " for the " + l.name() + ": "
                        + e.getMessage() + " (is another process, or another node, using port " + l.port()
                        + "? stop it or choose another port with " + l.setting() + ")", e);
            }
        }
    }
}
