package org.openuid.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL credentials against a server that really asks for passwords (a {@link ThrowawayPostgres} cluster with
 * scram-sha-256): every documented source of the password works and the precedence between them holds, failures
 * say why in words and never show a password, and the store survives a restart and a stop of the server and finds
 * the primary of a multi-host location. Runs with {@code OPENUID_TEST_POSTGRES=1}, and then fails if the cluster cannot start.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
class PostgresPasswordTest {

    private static ThrowawayPostgres pg;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCluster() throws Exception {
        pg = ThrowawayPostgres.start();
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (pg != null) pg.close();
    }

    private static StoreSettings settings(Path passwordFile, Map<String, String> env) {
        return new StoreSettings(2, passwordFile, env);
    }

    private static void opensAndWorks(String location, StoreSettings settings) {
        try (JdbcStore store = Stores.open(location, settings)) {
            assertThat(store.changeVersion()).isGreaterThanOrEqualTo(0);
        }
    }

    private String failure(String location, StoreSettings settings) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Stores.open(location, settings).close());
        assertThat(t).isInstanceOf(StoreException.class);
        assertThat(t.getMessage()).doesNotContain(pg.appPassword).doesNotContain("wrong-password");
        return t.getMessage();
    }

    private Path pgpass(String content, String permissions) throws Exception {
        Path f = tmp.resolve("pgpass-" + System.nanoTime());
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    private Path passwordFile(String password) throws Exception {
        Path f = tmp.resolve("password-" + System.nanoTime());
        Files.writeString(f, password + "\n");
        return f;
    }

    @Test
    void passwordInTheLocation() {
        opensAndWorks("postgresql://app:" + pg.appPassword + "@127.0.0.1:" + pg.port + "/appdb", settings(null, Map.of()));
        opensAndWorks(pg.location() + "&password=" + pg.appPassword, settings(null, Map.of("PGPASSWORD", "wrong-password")));
    }

    @Test
    void storePasswordFileWinsOverPgpasswordAndThePasswordFile() throws Exception {
        Path pgpass = pgpass("*:*:*:*:wrong-password\n", "rw-------");
        opensAndWorks(pg.location(), settings(passwordFile(pg.appPassword),
                Map.of("PGPASSWORD", "wrong-password", "PGPASSFILE", pgpass.toString())));
    }

    @Test
    void pgpasswordWinsOverThePasswordFile() throws Exception {
        Path pgpass = pgpass("*:*:*:*:wrong-password\n", "rw-------");
        opensAndWorks(pg.location(), settings(null, Map.of("PGPASSWORD", pg.appPassword, "PGPASSFILE", pgpass.toString())));
    }

    @Test
    void passwordFileLineMatchingHostPortDatabaseAndUser() throws Exception {
        Path pgpass = pgpass("# comment\n127.0.0.1:" + (pg.port + 1) + ":appdb:app:wrong-password\n"
                + "127.0.0.1:" + pg.port + ":otherdb:app:wrong-password\n"
                + "127.0.0.1:" + pg.port + ":appdb:app:" + pg.appPassword + "\n"
                + "*:*:*:*:wrong-password\n", "rw-------");
        opensAndWorks(pg.location(), settings(null, Map.of("PGPASSFILE", pgpass.toString())));
        Path wildcard = pgpass("*:" + pg.port + ":*:app:" + pg.appPassword + "\n", "r--------");
        opensAndWorks(pg.location(), settings(null, Map.of("PGPASSFILE", wildcard.toString())));
    }

    @Test
    void passwordFileThatOthersCanReadIsIgnored() throws Exception {
        Path pgpass = pgpass("*:*:*:*:" + pg.appPassword + "\n", "rw-r--r--");
        String message = failure(pg.location(), settings(null, Map.of("PGPASSFILE", pgpass.toString())));
        assertThat(message).startsWith("could not open PostgreSQL 127.0.0.1:" + pg.port + "/appdb: password missing")
                .contains(pgpass + " (ignored: group or world access)");
    }

    @Test
    void userFromPgUser() {
        String noUser = "postgresql://127.0.0.1:" + pg.port + "/appdb";
        opensAndWorks(noUser, settings(null, Map.of("PGUSER", "app", "PGPASSWORD", pg.appPassword)));
    }

    @Test
    void failuresSayWhyInWords() throws Exception {
        assertThat(failure(pg.location(), settings(null, Map.of("PGPASSFILE", tmp.resolve("none").toString()))))
                .isEqualTo("could not open PostgreSQL 127.0.0.1:" + pg.port + "/appdb: password missing: the server asks"
                        + " for a password for user \"app\" and none was found (searched the location,"
                        + " store_password_file (not set), PGPASSWORD (not set), " + tmp.resolve("none") + " (no such file))");
        assertThat(failure(pg.location(), settings(null, Map.of("PGPASSWORD", "wrong-password"))))
                .isEqualTo("could not open PostgreSQL 127.0.0.1:" + pg.port + "/appdb: authentication failed: password"
                        + " authentication failed for user \"app\" (password from PGPASSWORD)");
        assertThat(failure("postgresql://127.0.0.1:" + pg.port + "/nosuchdb?user=app", settings(null, Map.of("PGPASSWORD", pg.appPassword))))
                .isEqualTo("could not open PostgreSQL 127.0.0.1:" + pg.port + "/nosuchdb: database \"nosuchdb\" does not exist");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(failure("postgresql://127.0.0.1:" + closed + "/appdb?user=app", settings(null, Map.of("PGPASSWORD", pg.appPassword))))
                .startsWith("could not open PostgreSQL 127.0.0.1:" + closed + "/appdb: connection refused: Connection to 127.0.0.1:"
                        + closed + " refused.");
        assertThatThrownBy(() -> Stores.open(pg.location(), settings(tmp.resolve("absent"), Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store_password_file " + tmp.resolve("absent") + " does not exist");
    }

    @Test
    void survivesARestartOfTheServer() throws Exception {
        try (JdbcStore store = Stores.open(pg.location(), settings(null, Map.of("PGPASSWORD", pg.appPassword)))) {
            long before = store.changeVersion();
            pg.restart();
            // the pool's connections died with the server; at most the first call may still meet one of them
            long after;
            try {
                after = store.changeVersion();
            } catch (StoreException e) {
                after = store.changeVersion();
            }
            assertThat(after).isEqualTo(before);
            assertThat(store.isEmpty()).isTrue();
        }
    }

    @Test
    void aCallWhileTheServerIsDownFailsWithTheReasonAndTheStoreRecovers() throws Exception {
        try (JdbcStore store = Stores.open(pg.location(), settings(null, Map.of("PGPASSWORD", pg.appPassword)))) {
            long before = store.changeVersion();
            pg.stopServer();
            try {
                assertThatThrownBy(store::changeVersion).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("could not read the change version: ")
                        .message().containsAnyOf("connection refused", "terminating connection", "I/O error");
                assertThatThrownBy(store::changeVersion).isInstanceOf(StoreException.class)
                        .hasMessageStartingWith("could not read the change version: connection refused: ");
            } finally {
                pg.startServer();
            }
            // the pool reconnects in the background, pausing up to 5 s between attempts
            long deadline = System.nanoTime() + 30_000_000_000L;
            Long after = null;
            while (after == null) {
                try {
                    after = store.changeVersion();
                } catch (StoreException e) {
                    if (System.nanoTime() > deadline) throw e;
                }
            }
            assertThat(after).isEqualTo(before);
        }
    }

    @Test
    void multiHostLocationFindsThePrimary() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String location = "postgresql://127.0.0.1:" + closed + ",127.0.0.1:" + pg.port + "/appdb?user=app&targetServerType=primary";
        Path pgpass = pgpass("127.0.0.1:" + pg.port + ":appdb:app:" + pg.appPassword + "\n", "rw-------");
        try (JdbcStore store = Stores.open(location, settings(null, Map.of("PGPASSFILE", pgpass.toString())))) {
            assertThat(store.location().description()).isEqualTo("PostgreSQL 127.0.0.1:" + closed + ",127.0.0.1:" + pg.port + "/appdb");
            assertThat(store.changeVersion()).isGreaterThanOrEqualTo(0);
        }
    }
}
