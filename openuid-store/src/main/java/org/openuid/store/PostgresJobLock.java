package org.openuid.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link JobLock} on PostgreSQL session-level advisory locks. Each held lock owns one dedicated connection (not
 * from the pool), so a pool that is busy or being recycled never releases a lock by accident, and a node that dies
 * releases its locks when PostgreSQL notices the connection is gone.
 */
final class PostgresJobLock implements JobLock {

    private static final long RETRY_MILLIS = 200;
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private final ConnectionFactory factory;

    PostgresJobLock(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Optional<Held> tryAcquire(String name) {
        Connection c = open(name);
        try {
            long key = key(c, name);
            if (tryLock(c, key)) return Optional.of(new AdvisoryLock(name, key, c));
            ConnectionFactory.closeQuietly(c);
            return Optional.empty();
        } catch (SQLException | RuntimeException e) {
            ConnectionFactory.closeQuietly(c);
            throw new StoreException("could not take the lock '" + name + "'", e);
        }
    }

    @Override
    public Held acquire(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Connection c = open(name);
        try {
            long key = key(c, name);
            while (!tryLock(c, key)) {
                if (System.nanoTime() - deadline > 0)
                    throw new StoreException("timed out waiting for the lock '" + name + "'", null);
                Thread.sleep(RETRY_MILLIS);
            }
            return new AdvisoryLock(name, key, c);
        } catch (InterruptedException e) {
            ConnectionFactory.closeQuietly(c);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the lock '" + name + "'", e);
        } catch (SQLException e) {
            ConnectionFactory.closeQuietly(c);
            throw new StoreException("could not take the lock '" + name + "'", e);
        } catch (RuntimeException e) {
            ConnectionFactory.closeQuietly(c);
            throw e;
        }
    }

    private Connection open(String name) {
        try {
            return factory.open();
        } catch (SQLException e) {
            throw new StoreException("could not take the lock '" + name + "': " + e.getMessage(), e);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** 64-bit advisory lock key: the first 8 bytes of SHA-256("openuid-job-lock", schema, name). */
    static long key(Connection c, String name) throws SQLException {
        String schema;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            schema = rs.getString(1);
        }
        return key(schema == null ? "" : schema, name);
    }

    static long key(String schema, String name) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update("openuid-job-lock\n".getBytes(StandardCharsets.UTF_8));
            d.update(schema.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static final class AdvisoryLock implements Held {
        private final String name;
        private final long key;
        private final Connection connection;
        private final AtomicBoolean released = new AtomicBoolean();

        AdvisoryLock(String name, long key, Connection connection) {
            this.name = name;
            this.key = key;
            this.connection = connection;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean isValid() {
            if (released.get()) return false;
            try {
                return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) return;
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException ignored) {
                // closing the session below releases the lock as well
            } finally {
                ConnectionFactory.closeQuietly(connection);
            }
        }
    }
}
