package org.openuid.server.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.server.RunningNode;
import org.openuid.server.cli.Main;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code openuid serve} on the embedded store, as its own process: it listens on exactly the configured ports (public,
 * admin, ops) on the configured host and nowhere else (no database server), keeps its data directory private, prints
 * one plain start-up banner naming every listener, and a second {@code serve} fails before touching any store, with
 * a message naming the port or the store in use.
 */
class NodeListenersTest {
    private static final Duration START = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void listensOnlyWhereConfiguredKeepsItsFilesPrivateAndASecondServeFailsClearly() throws Exception {
        assumeFalse(TestStores.postgres(), "about the embedded store");
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
        int port = freePort();
        int adminPort = freePort();
        int opsPort = freePort();
        Path data = dir.resolve("data");
        Path out = dir.resolve("serve.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "serve", "--store", dir + "/./data",
                "--bind", "127.0.0.1", "--port", "" + port, "--admin-port", "" + adminPort)
                .redirectOutput(out.toFile()).redirectError(dir.resolve("serve.err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("OPENUID_"));
        pb.environment().put("OPENUID_OPS_PORT", "" + opsPort);
        pb.environment().put("OPENUID_OPS_BIND_HOST", "127.0.0.1");
        pb.environment().put("OPENUID_SALT_BUCKET_COUNT", "4096");
        Process node = pb.start();
        try {
            String banner = awaitBanner(node, out);
            assertThat(banner).contains("shown only this once")
                    .contains("  public API:  http://127.0.0.1:" + port + "/")
                    .contains("  admin:       http://127.0.0.1:" + adminPort + "/ (admin API and console)")
                    .contains("  ops:         http://127.0.0.1:" + opsPort + "/metrics")
                    .contains("  demo mode:   off")
                    .contains("  store:       H2 file " + data + "/openuid.mv.db")
                    .doesNotContain("/./");

            assertThat(listening(node.pid())).containsExactlyInAnyOrder(
                    "127.0.0.1:" + port, "127.0.0.1:" + adminPort, "127.0.0.1:" + opsPort);

            assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            List<String> names = new ArrayList<>();
            try (Stream<Path> files = Files.list(data)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    names.add(f.getFileName().toString());
                    assertThat(Files.getPosixFilePermissions(f)).as(f.toString()).isEqualTo(PosixFilePermissions.fromString("rw-------"));
                }
            }
            assertThat(names).contains("openuid.mv.db", "secrets.key", "demo-credentials.json", RunningNode.FILE_NAME)
                    .noneMatch(n -> n.endsWith(".lock.db") || n.endsWith(".trace.db"));

            // a second serve on a busy port: fails before creating a store, naming the port
            Path other = dir.resolve("other");
            CliRun busy = CliRun.run("serve", "--store", other.toString(), "--bind", "127.0.0.1", "--port", "" + port,
                    "--admin-port", "-1", "--ops-port", "-1");
            assertThat(busy.exitCode()).isEqualTo(1);
            assertThat(busy.err()).contains("cannot listen on 127.0.0.1:" + port + " for the public API", "Address already in use",
                    "--port");
            assertThat(busy.out()).doesNotContain("shown only this once");
            assertThat(other).doesNotExist();
            CliRun busyAdmin = CliRun.run("serve", "--store", other.toString(), "--bind", "127.0.0.1", "--port", "0",
                    "--admin-port", "" + adminPort, "--ops-port", "-1");
            assertThat(busyAdmin.exitCode()).isEqualTo(1);
            assertThat(busyAdmin.err()).contains("127.0.0.1:" + adminPort + " for the admin listener");
            assertThat(other).doesNotExist();

            // a second serve on the same store: refused, naming the store and the node
            CliRun sameStore = CliRun.run("serve", "--store", data.toString(), "--bind", "127.0.0.1", "--port", "0",
                    "--admin-port", "-1", "--ops-port", "-1");
            assertThat(sameStore.exitCode()).isEqualTo(1);
            assertThat(sameStore.err()).contains("the store " + data + " is in use by a running node (pid " + node.pid()
                    + "): stop it first");

            // commands that need the store to itself say so; the admin token is reset through the node
            Path optouts = dir.resolve("optouts.txt");
            Files.writeString(optouts, "someone@example.com\n");
            CliRun importing = CliRun.run("admin", "optout", "import", optouts.toString(), "--store", data.toString());
            assertThat(importing.exitCode()).isEqualTo(1);
            assertThat(importing.err()).contains("is in use by a running node", "stop it first");
            CliRun coreImport = CliRun.run("import", TestOperator.CORE_TEST_DATA.toString(), "--store", data.toString());
            assertThat(coreImport.exitCode()).isEqualTo(1);
            assertThat(coreImport.err()).contains("the store " + data + " is in use by a running node (pid " + node.pid() + ")");
            CliRun reset = CliRun.run("admin", "token", "reset", "--store", data.toString(), "--json");
            assertThat(reset.exitCode()).as(reset.err()).isZero();
            String fresh = reset.json().get("token").asText();
            HttpResponse<String> whoami = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + adminPort + "/admin/v1/whoami")).header("Authorization", "Bearer " + fresh).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(whoami.statusCode()).isEqualTo(200);
        } finally {
            node.destroy();
            if (!node.waitFor(1, TimeUnit.MINUTES)) node.destroyForcibly();
        }
        assertThat(data.resolve(RunningNode.FILE_NAME)).as("removed at stop").doesNotExist();
    }

    /** Waits until the node printed its banner (it serves by then); its standard output so far. */
    private static String awaitBanner(Process node, Path out) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(out) ? Files.readString(out) : "";
            if (text.contains("  store:")) return text;
            assertThat(node.isAlive()).as("the node stopped:\n" + text).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("no start-up banner within " + START);
    }

    /** "address:port" of every listening TCP socket of process {@code pid} (from /proc/net/tcp and tcp6). */
    static Set<String> listening(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", "" + pid, "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) inodes.add(target.substring(8, target.length() - 1));
                } catch (IOException closedMeanwhile) {
                    // an fd that went away while listing
                }
            }
        }
        Set<String> out = new HashSet<>();
        for (String table : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A") || !inodes.contains(f[9])) continue; // 0A = LISTEN
                out.add(address(f[1]));
            }
        }
        return out;
    }

    /** /proc/net/tcp's hex "ADDR:PORT" (address in host byte order per 32-bit word) as "a.b.c.d:port" or "[v6]:port". */
    private static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String a = parts[0];
        if (a.length() == 8) {
            StringBuilder ip = new StringBuilder();
            for (int i = 3; i >= 0; i--) ip.append(Integer.parseInt(a.substring(2 * i, 2 * i + 2), 16)).append(i > 0 ? "." : "");
            return ip + ":" + port;
        }
        if (a.equals("0000000000000000FFFF00000100007F")) return "127.0.0.1:" + port; // v4-mapped loopback
        return "[" + a + "]:" + port;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
