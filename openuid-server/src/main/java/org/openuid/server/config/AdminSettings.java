package org.openuid.server.config;

import java.util.Map;

/**
 * The admin listener (docs/admin.md): address and port of the admin HTTP API and web console. It binds to the
 * loopback address by default; a port of -1 turns it off, 0 picks any free port.
 */
public record AdminSettings(String bindHost, int port) {

    static AdminSettings from(Map<String, String> s) {
        int port = ConfigValues.integer(s, "admin_port");
        if (port < -1 || port > 65535)
            throw new IllegalArgumentException("admin_port must be between 0 and 65535, or -1 to disable it, got " + port);
        String host = s.get("admin_bind_host").trim();
        if (host.isEmpty()) throw new IllegalArgumentException("admin_bind_host must not be empty");
        return new AdminSettings(host, port);
    }

    public boolean enabled() { return port >= 0; }
}
