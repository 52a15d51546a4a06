package org.openuid.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy from Debian's package in front of the nodes, as in production: round robin, a health check of each node's
 * readiness endpoint on its ops port every 250 ms (a draining, dead or failing-closed node leaves the pool after two
 * failed checks), and retries of requests that never reached a node or that a stopping node turned away with 503.
 * Its stats page (CSV) says which servers are up.
 */
final class Haproxy implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/haproxy");
    final int port = Ports.free();
    private final int statsPort = Ports.free();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    static void ensureInstalled() {
        if (Files.isExecutable(BINARY)) return;
        if (!Shell.ROOT) throw new IllegalStateException("haproxy is not installed: apt-get install haproxy");
        System.out.println("installing haproxy from Debian's packages...");
        Shell.run(List.of("apt-get", "install", "-y", "-q", "haproxy"), null, 900);
    }

    static Haproxy start(Path dir, List<Node> nodes) throws IOException {
        ensureInstalled();
        Haproxy h = new Haproxy();
        Path cfg = dir.resolve("haproxy.cfg");
        Files.writeString(cfg, h.config(nodes));
        Shell.run(List.of(BINARY.toString(), "-c", "-q", "-f", cfg.toString()), null, 30);
        h.process = new ProcessBuilder(BINARY.toString(), "-db", "-f", cfg.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        h.process.getOutputStream().close();
        return h;
    }

    String url() { return "http://127.0.0.1:" + port; }

    private String config(List<Node> nodes) {
        StringBuilder b = new StringBuilder("""
                global
                    maxconn 2000
                    tune.bufsize 65536
                defaults
                    mode http
                    timeout connect 2s
                    timeout client 60s
                    timeout server 60s
                    timeout check 1s
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response 503
                    option http-buffer-request
                frontend api
                    bind 127.0.0.1:%d
                    default_backend nodes
                frontend stats
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /stats
                backend nodes
                    balance roundrobin
                    option httpchk GET /ops/ready
                    http-check expect status 200
                """.formatted(port, statsPort));
        for (Node n : nodes) {
            b.append("    server ").append(n.name).append(" 127.0.0.1:").append(n.port)
                    .append(" check port ").append(n.opsPort).append(" inter 250ms fall 2 rise 2\n");
        }
        return b.toString();
    }

    /** Whether HAProxy counts this node as up (in the pool). */
    boolean up(Node node) {
        try {
            String csv = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort + "/stats;csv"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : csv.split("\n")) {
                String[] f = line.split(",");
                if (f.length > 17 && f[0].equals("nodes") && f[1].equals(node.name)) return f[17].startsWith("UP");
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the node is in the pool. */
    void awaitUp(Node node, long timeoutMs) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!up(node)) {
            if (!process.isAlive()) throw new IllegalStateException("haproxy exited (see haproxy.log in the run directory)");
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(node.name + " not back in the pool after " + timeoutMs + " ms");
            Shell.sleep(50);
        }
    }

    @Override
    public void close() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
