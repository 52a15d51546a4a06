package org.openuid.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately small JDBC connection pool: at most {@code maxSize} connections are handed out at once, idle
 * connections are reused (most recently returned first) and re-validated when they have been idle for a while.
 * Connections that failed during use are closed instead of being reused; when a connection turns out to be broken
 * (closed by the driver after an I/O error, as when the database restarted or the network dropped), the idle ones
 * are closed too, since they most likely broke the same way, so the next borrower opens a fresh connection instead
 * of failing on a stale one. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {

    /** Opens a new physical connection. */
    @FunctionalInterface
    interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private static final long VALIDATE_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;

    private record Idle(Connection connection, long since) {}

    private final ConnectionFactory factory;
    private final Semaphore permits;
    private final long borrowTimeoutMillis;
    private final Deque<Idle> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(ConnectionFactory factory, int maxSize, long borrowTimeoutMillis) {
        this.factory = factory;
        this.permits = new Semaphore(maxSize, true);
        this.borrowTimeoutMillis = borrowTimeoutMillis;
    }

    /** Returns a connection in auto-commit mode; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        try {
            if (!permits.tryAcquire(borrowTimeoutMillis, TimeUnit.MILLISECONDS))
                throw new SQLException("timed out waiting for a database connection");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection c = reuseIdle();
            return c != null ? c : factory.open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /**
     * Gives a borrowed connection back. {@code reusable} false (or a connection that is closed or not in
     * auto-commit mode) closes it.
     */
    void release(Connection c, boolean reusable) {
        try {
            if (!reusable && c.isClosed()) evictIdle();
            boolean keep = reusable && !c.isClosed() && c.getAutoCommit();
            synchronized (this) {
                if (keep && !closed) {
                    idle.push(new Idle(c, System.nanoTime()));
                    return;
                }
            }
            closeQuietly(c);
        } catch (SQLException e) {
            closeQuietly(c);
        } finally {
            permits.release();
        }
    }

    /** Closes every idle connection (used when one of them broke: the others are suspect). */
    void evictIdle() {
        Deque<Idle> toClose;
        synchronized (this) {
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (Idle i : toClose) closeQuietly(i.connection());
    }

    private Connection reuseIdle() {
        while (true) {
            Idle candidate;
            synchronized (this) {
                if (closed) throw new IllegalStateException("store is closed");
                candidate = idle.poll();
            }
            if (candidate == null) return null;
            if (System.nanoTime() - candidate.since() < VALIDATE_AFTER_IDLE_NANOS || isValid(candidate.connection()))
                return candidate.connection();
            closeQuietly(candidate.connection());
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing useful to do: the connection is being discarded
        }
    }

    /** Closes idle connections; connections still borrowed are closed when they are released. */
    @Override
    public void close() {
        Deque<Idle> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        for (Idle i : toClose) closeQuietly(i.connection());
    }
}
