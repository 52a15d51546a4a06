package org.openuid.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for one test class: {@code initdb} with {@code scram-sha-256} authentication for
 * every connection, started on a free loopback port, with a superuser and an application role that both need a
 * password. The local test database trusts every local connection, so password handling can only be checked
 * against a cluster like this one. Needs the PostgreSQL server binaries ({@code /usr/lib/postgresql/<version>/bin}
 * or {@code OPENUID_TEST_PG_BIN}); as root (as in CI) the server runs as the {@code postgres} user, since
 * {@code initdb} refuses to run as root. Fails, never skips, when the cluster cannot be started.
 */
final class ThrowawayPostgres implements AutoCloseable {
    static final String SUPERUSER = "admin";
    static final String APP_USER = "app";
    static final String DATABASE = "appdb";

    final String superuserPassword = "su-" + UUID.randomUUID();
    final String appPassword = "app-" + UUID.randomUUID();
    final int port;
    private final Path bin;
    private final Path dir;
    private final boolean asPostgresUser;

    private ThrowawayPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static ThrowawayPostgres start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("openuid-pg-");
        ThrowawayPostgres pg = new ThrowawayPostgres(bin, dir, freePort(), root);
        try {
            pg.initAndStart();
            return pg;
        } catch (Exception | AssertionError e) {
            pg.close();
            throw e;
        }
    }

    /** A location for the application database as the application role, without any password. */
    String location() {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=" + APP_USER;
    }

    /** Restarts the server (fast shutdown: sessions are terminated, as in a real restart). */
    void restart() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-m", "fast", "restart");
    }

    /** Stops the server (fast shutdown); {@link #startServer} starts it again on the same port. */
    void stopServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-m", "fast", "stop");
    }

    void startServer() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-l", dir.resolve("log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void initAndStart() throws Exception {
        Path pwfile = dir.resolve("pw");
        Files.writeString(pwfile, superuserPassword + "\n", StandardCharsets.UTF_8);
        if (asPostgresUser) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(pwfile, postgres);
        }
        run(bin.resolve("initdb").toString(), "-D", data().toString(), "-A", "scram-sha-256", "-U", SUPERUSER,
                "--pwfile=" + pwfile, "--no-sync", "--no-instructions", "-E", "UTF8");
        startServer();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER,
                superuserPassword); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + appPassword + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + APP_USER);
        }
    }

    private void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(Arrays.asList(command));
        Path out = Files.createTempFile("openuid-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " failed (" + p.exitValue() + "):\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static Path binaries() throws IOException {
        String configured = System.getenv("OPENUID_TEST_PG_BIN");
        if (configured != null && !configured.isBlank()) return Path.of(configured);
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(ThrowawayPostgres::version)).orElse(null);
                if (newest != null) return newest.resolve("bin");
            }
        }
        throw new AssertionError("no PostgreSQL server binaries (initdb) under /usr/lib/postgresql;"
                + " install the PostgreSQL server or set OPENUID_TEST_PG_BIN");
    }

    private static int version(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-m", "immediate", "stop");
            }
        } finally {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
