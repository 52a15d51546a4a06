package org.openuid.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Site;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coordination between nodes on PostgreSQL at 127.0.0.1:5432 (database {@code test}): advisory job locks, change
 * notifications (LISTEN/NOTIFY from migration V6) and recovery of the connection pool after the database dropped
 * its sessions. Each "node" is a store object with its own connections, identified by its application name. Runs
 * only with {@code OPENUID_TEST_POSTGRES} set, and then fails if PostgreSQL is unreachable.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = ".+")
class PostgresCoordinationTest {
    private static final String SERVER = "127.0.0.1:5432/test";
    private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "?user=postgres&connectTimeout=10";

    private final List<String> schemas = new java.util.ArrayList<>();

    @BeforeEach
    void checkReachable() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @AfterEach
    void dropSchemas() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            for (String schema : schemas) s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private String newSchema() throws Exception {
        String schema = "openuid_coord_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        return schema;
    }

    private static JdbcStore open(String schema, String applicationName) {
        return Stores.open("postgresql://" + SERVER + "?user=postgres&currentSchema=" + schema
                + "&ApplicationName=" + applicationName);
    }

    @Test
    void migrationInstallsTheNotificationTriggers() throws Exception {
        String schema = newSchema();
        try (JdbcStore ignored = open(schema, "coord-triggers");
             Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.tgname FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
                     + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = '" + schema
                     + "' AND NOT t.tgisinternal ORDER BY t.tgname")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) names.add(rs.getString(1));
            assertThat(names).contains("change_version_notify", "optouts_notify");
        }
    }

    @Test
    void jobLockIsHeldByOneNodeOfASchemaAtATime() throws Exception {
        String schema = newSchema();
        String otherSchema = newSchema();
        try (JdbcStore a = open(schema, "coord-a"); JdbcStore b = open(schema, "coord-b");
             JdbcStore elsewhere = open(otherSchema, "coord-c")) {
            JobLock.Held held = a.jobLock().tryAcquire("rotation").orElseThrow();
            assertThat(held.isValid()).isTrue();
            assertThat(b.jobLock().tryAcquire("rotation")).isEmpty();
            assertThat(a.jobLock().tryAcquire("rotation")).as("a second session of the same node").isEmpty();
            try (JobLock.Held otherName = b.jobLock().tryAcquire("bootstrap").orElseThrow();
                 JobLock.Held otherSchemaLock = elsewhere.jobLock().tryAcquire("rotation").orElseThrow()) {
                assertThat(otherName.isValid() && otherSchemaLock.isValid()).isTrue();
            }
            assertThatThrownBy(() -> b.jobLock().acquire("rotation", Duration.ofMillis(300)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("timed out");

            CompletableFuture<JobLock.Held> waiting = CompletableFuture.supplyAsync(
                    () -> b.jobLock().acquire("rotation", Duration.ofSeconds(30)));
            held.close();
            assertThat(held.isValid()).isFalse();
            try (JobLock.Held taken = waiting.get(30, TimeUnit.SECONDS)) {
                assertThat(taken.isValid()).isTrue();
                assertThat(a.jobLock().tryAcquire("rotation")).isEmpty();
            }
        }
    }

    @Test
    void aLockIsReleasedWhenItsHolderDies() throws Exception {
        String schema = newSchema();
        try (JdbcStore a = open(schema, "coord-dying-" + schema.substring(14, 22)); JdbcStore b = open(schema, "coord-b")) {
            JobLock.Held held = a.jobLock().tryAcquire("rotation").orElseThrow();
            assertThat(b.jobLock().tryAcquire("rotation")).isEmpty();
            assertThat(terminate("coord-dying-" + schema.substring(14, 22))).isPositive();
            assertThat(held.isValid()).isFalse();
            try (JobLock.Held taken = b.jobLock().acquire("rotation", Duration.ofSeconds(10))) {
                assertThat(taken.isValid()).isTrue();
            }
            held.close();
        }
    }

    @Test
    void changesCommittedByOneNodeAreNotifiedToTheOthers() throws Exception {
        String schema = newSchema();
        String otherSchema = newSchema();
        try (JdbcStore a = open(schema, "coord-a"); JdbcStore b = open(schema, "coord-b");
             JdbcStore elsewhere = open(otherSchema, "coord-c")) {
            BlockingQueue<ChangeListener.Change> seen = new LinkedBlockingQueue<>();
            try (ChangeFeed feed = b.watch(seen::add)) {
                assertThat(feed.connected()).isTrue();
                drain(seen);
                elsewhere.upsertSite(new Site(101, "elsewhere", true, List.of(), List.of(), 0));
                a.upsertSite(new Site(101, "site", true, List.of(), List.of(), 0));
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeListener.Change.SNAPSHOT);
                a.addOptOut(new OptOutRecord(new byte[32], new byte[32], 1));
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeListener.Change.OPT_OUTS);
                elsewhere.addOptOut(new OptOutRecord(new byte[32], new byte[32], 1));
                b.changeVersion();
                assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("changes in another schema").isNull();
            }
        }
    }

    @Test
    void notificationsAndThePoolRecoverAfterTheDatabaseDroppedEverySession() throws Exception {
        String schema = newSchema();
        String app = "coord-restart-" + schema.substring(14, 22);
        try (JdbcStore a = open(schema, "coord-writer"); JdbcStore b = open(schema, app)) {
            BlockingQueue<ChangeListener.Change> seen = new LinkedBlockingQueue<>();
            try (ChangeFeed feed = b.watch(seen::add)) {
                long version = b.changeVersion();
                assertThat(terminate(app)).isGreaterThanOrEqualTo(2);
                // the first call may meet a dropped connection; the pool then discards its idle connections
                try {
                    b.changeVersion();
                } catch (StoreException expected) {
                    // reported once, like the node's poller would
                }
                assertThat(b.changeVersion()).isEqualTo(version);
                awaitConnectedAndDrained(feed, seen);
                a.upsertSite(new Site(101, "site", true, List.of(), List.of(), 0));
                assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(ChangeListener.Change.SNAPSHOT);
            }
        }
    }

    private static void awaitConnectedAndDrained(ChangeFeed feed, BlockingQueue<ChangeListener.Change> seen) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!feed.connected()) {
            if (System.nanoTime() > deadline) throw new AssertionError("notifications did not reconnect");
            Thread.sleep(20);
        }
        // a reconnected feed reports both kinds once so that readers catch up
        Thread.sleep(200);
        drain(seen);
    }

    private static void drain(BlockingQueue<ChangeListener.Change> seen) throws InterruptedException {
        while (seen.poll(100, TimeUnit.MILLISECONDS) != null) {
            // initial catch-up notifications
        }
    }

    private static int terminate(String applicationName) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE application_name = '" + applicationName + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
