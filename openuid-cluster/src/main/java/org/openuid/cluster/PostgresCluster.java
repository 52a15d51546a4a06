package org.openuid.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's own PostgreSQL: a primary and a streaming replica ({@code pg_basebackup -R}) on free loopback ports, in
 * a directory of the run, with the replica as synchronous standby (so an acknowledged commit is on both). Never the
 * system cluster. Faults: a clean restart of the primary after an outage, {@code kill -9} of the primary, promotion
 * of the replica ({@code pg_ctl promote}).
 */
final class PostgresCluster implements AutoCloseable {
    static final String DATABASE = "openuid";
    static final String STANDBY_NAME = "replica1";
    private final Path bin;
    private final Path primaryDir;
    private final Path replicaDir;
    final int primaryPort = Ports.free();
    final int replicaPort = Ports.free();
    private boolean replicaPromoted;

    private PostgresCluster(Path bin, Path dir) {
        this.bin = bin;
        this.primaryDir = dir.resolve("primary");
        this.replicaDir = dir.resolve("replica");
    }

    /** Creates, starts and connects both servers. */
    static PostgresCluster start(Path runDir) throws IOException {
        Path bin = findBin();
        Path dir = runDir.resolve("pg");
        Files.createDirectories(dir);
        if (Shell.ROOT) {
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Shell.run(List.of("chown", "postgres:postgres", dir.toString()), null, 30);
        }
        PostgresCluster pg = new PostgresCluster(bin, dir);
        pg.createPrimary();
        pg.createReplica();
        pg.makeReplicaSynchronous();
        return pg;
    }

    private static Path findBin() {
        for (String v : List.of("17", "16", "15", "14", "13")) {
            Path p = Path.of("/usr/lib/postgresql", v, "bin");
            if (Files.isExecutable(p.resolve("initdb"))) return p;
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: "
                + "install Debian's postgresql package");
    }

    private void createPrimary() throws IOException {
        pg(List.of(tool("initdb"), "-D", primaryDir.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8"), 120);
        appendConf(primaryDir, "port = " + primaryPort, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + primaryDir + "'", "wal_level = replica", "max_wal_senders = 5",
                "hot_standby = on", "max_connections = 100", "shared_buffers = 64MB", "fsync = on", "logging_collector = off");
        Files.writeString(primaryDir.resolve("pg_hba.conf"),
                "host all all 127.0.0.1/32 trust\nhost replication all 127.0.0.1/32 trust\nlocal all all trust\n");
        startServer(primaryDir);
        sql(primaryPort, "postgres", "CREATE DATABASE " + DATABASE);
    }

    private void createReplica() throws IOException {
        pg(List.of(tool("pg_basebackup"), "-D", replicaDir.toString(), "-R", "-X", "stream", "-c", "fast",
                "-d", "host=127.0.0.1 port=" + primaryPort + " user=postgres application_name=" + STANDBY_NAME), 300);
        appendConf(replicaDir, "port = " + replicaPort, "unix_socket_directories = '" + replicaDir + "'");
        startServer(replicaDir);
    }

    /** Set after the base backup, so that the replica, once promoted, does not wait for a standby of its own. */
    private void makeReplicaSynchronous() {
        sql(primaryPort, DATABASE, "ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
        sql(primaryPort, DATABASE, "SELECT pg_reload_conf()");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!"sync".equals(query(primaryPort, "SELECT sync_state FROM pg_stat_replication WHERE application_name = '" + STANDBY_NAME + "'"))) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("the replica did not become a synchronous standby");
            Shell.sleep(200);
        }
    }

    /** A multi-host location through the given ports (the nodes' links), reaching whichever server is primary. */
    static String location(int toPrimary, int toReplica) {
        return "jdbc:postgresql://127.0.0.1:" + toPrimary + ",127.0.0.1:" + toReplica + "/" + DATABASE
                + "?user=postgres&targetServerType=primary&connectTimeout=5";
    }

    void stopPrimary() { pg(List.of(tool("pg_ctl"), "-D", primaryDir.toString(), "-m", "fast", "-w", "stop"), 120); }

    void startPrimary() { startServer(primaryDir); }

    /** {@code kill -9} of the primary's postmaster and of every process it started. */
    void killPrimary() {
        long pid = postmasterPid(primaryDir);
        List<Long> children = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(c -> children.add(c.pid())));
        Shell.kill9(pid);
        for (long c : children) Shell.kill9(c);
    }

    void promoteReplica() {
        pg(List.of(tool("pg_ctl"), "-D", replicaDir.toString(), "-w", "promote"), 120);
        replicaPromoted = true;
    }

    /** A JDBC URL straight to the server that is primary now (the replica once promoted). */
    String primaryUrl() {
        return "jdbc:postgresql://127.0.0.1:" + (replicaPromoted ? replicaPort : primaryPort) + "/" + DATABASE + "?user=postgres";
    }

    private void startServer(Path dir) {
        pg(List.of(tool("pg_ctl"), "-D", dir.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "120", "start"), 180);
    }

    private static long postmasterPid(Path dir) {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no running PostgreSQL in " + dir + ": " + e.getMessage(), e);
        }
    }

    private String tool(String name) { return bin.resolve(name).toString(); }

    private static String pg(List<String> command, long timeoutSeconds) {
        return Shell.run(Shell.asPostgres(command), null, timeoutSeconds);
    }

    private static void appendConf(Path dir, String... lines) throws IOException {
        Files.writeString(dir.resolve("postgresql.conf"), "\n" + String.join("\n", lines) + "\n",
                java.nio.file.StandardOpenOption.APPEND);
    }

    static void sql(int port, String db, String statement) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db + "?user=postgres");
             Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    private static String query(int port, String statement) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE + "?user=postgres");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(statement)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    /** Stops both servers (immediate: the data is thrown away with the run's directory). */
    @Override
    public void close() {
        for (Path dir : List.of(replicaDir, primaryDir)) {
            if (!Files.exists(dir.resolve("postmaster.pid"))) continue;
            try {
                pg(List.of(tool("pg_ctl"), "-D", dir.toString(), "-m", "immediate", "-w", "stop"), 60);
            } catch (RuntimeException e) {
                System.err.println("could not stop PostgreSQL in " + dir + ": " + e.getMessage());
            }
        }
    }
}
