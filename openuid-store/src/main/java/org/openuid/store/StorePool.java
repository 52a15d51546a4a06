package org.openuid.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The store's connection pool (HikariCP) over a {@link ConnectionFactory}; Hikari never sees the JDBC URL or the
 * credentials, so none of its log lines can contain them. Settings (docs/deployment.md, "Connection pool"):
 * <ul>
 *   <li>PostgreSQL: a call waits at most {@value #PG_CONNECTION_TIMEOUT_MS} ms for a connection, so a call during
 *       an outage fails with the reason instead of hanging; a connection idle for more than half a second is
 *       validated before it is handed out (at most {@value #PG_VALIDATION_TIMEOUT_MS} ms), idle connections are
 *       checked every {@value #PG_KEEPALIVE_MS} ms, and every connection is replaced after
 *       {@value #PG_MAX_LIFETIME_MS} ms, so connections to a database that restarted or failed over are dropped
 *       and replaced. The driver's own timeouts ({@code connectTimeout}, {@code socketTimeout}) bound a connection
 *       attempt and a statement.</li>
 *   <li>Embedded H2: connections are kept (an embedded database closes with its last connection) and a call waits
 *       up to {@value #H2_CONNECTION_TIMEOUT_MS} ms, as long as H2 waits for a row lock.</li>
 * </ul>
 * While the database is away (the pool holds no connection and the latest attempt to open one failed) a call waits
 * only {@value #UNREACHABLE_WAIT_MS} ms instead of the full wait, so that a node answers a write it cannot make
 * (a logout: 503, retry) at once rather than after 5 s per attempt; HikariCP keeps trying to connect in the
 * background and the first call after it succeeds gets the new connection.
 *
 * <p>Starting the pool opens no connection; {@link #warmUp} opens the first, more are opened on demand up to the pool
 * size and kept down to one when idle.
 */
final class StorePool implements AutoCloseable {

    static final long PG_CONNECTION_TIMEOUT_MS = 5_000;
    static final long PG_VALIDATION_TIMEOUT_MS = 2_000;
    static final long PG_KEEPALIVE_MS = 60_000;
    static final long PG_MAX_LIFETIME_MS = 1_800_000;
    static final long PG_IDLE_TIMEOUT_MS = 600_000;
    static final long H2_CONNECTION_TIMEOUT_MS = ConnectionFactory.H2_LOCK_TIMEOUT_MILLIS;
    /** The wait for a connection while the database is known to be unreachable (HikariCP's minimum). */
    static final long UNREACHABLE_WAIT_MS = 250;

    private final FactoryDataSource source;
    private final long connectionTimeoutMs;
    private final HikariPool pool;
    private final StoreLocation.Kind kind;
    private volatile boolean closed;

    StorePool(ConnectionFactory factory, StoreLocation.Kind kind, int size) {
        this.kind = kind;
        HikariConfig c = new HikariConfig();
        c.setPoolName("openuid-store");
        this.source = new FactoryDataSource(factory);
        c.setDataSource(source);
        c.setMaximumPoolSize(size);
        c.setMinimumIdle(1);
        c.setAutoCommit(true);
        c.setInitializationFailTimeout(-1); // connect on first use (warmUp), not in this constructor
        if (kind == StoreLocation.Kind.POSTGRESQL) {
            c.setConnectionTimeout(PG_CONNECTION_TIMEOUT_MS);
            c.setValidationTimeout(PG_VALIDATION_TIMEOUT_MS);
            c.setKeepaliveTime(PG_KEEPALIVE_MS);
            c.setMaxLifetime(PG_MAX_LIFETIME_MS);
            c.setIdleTimeout(PG_IDLE_TIMEOUT_MS);
        } else {
            c.setConnectionTimeout(H2_CONNECTION_TIMEOUT_MS);
            c.setMaxLifetime(0);
            c.setIdleTimeout(0);
            c.setKeepaliveTime(0);
        }
        c.validate();
        this.connectionTimeoutMs = c.getConnectionTimeout();
        this.pool = new HikariPool(c);
    }

    /** How long the next call waits for a connection: the full wait, or a short one while the database is away. */
    long connectionWaitMillis() {
        return source.lastOpenFailed() && pool.getTotalConnections() == 0
                ? Math.min(UNREACHABLE_WAIT_MS, connectionTimeoutMs) : connectionTimeoutMs;
    }

    /** Opens the pool's first connection (and says why when it cannot). */
    void warmUp() throws SQLException {
        release(borrow(), true);
    }

    /** A connection in auto-commit mode; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        if (closed) throw new SQLException("the store is closed");
        long wait = connectionWaitMillis();
        try {
            return pool.getConnection(wait);
        } catch (SQLTransientConnectionException e) {
            // Hikari's timeout: the last reason a new connection could not be opened says more than the wait
            if (e.getCause() instanceof SQLException cause) throw new SQLException(cause.getMessage(), cause.getSQLState(), e);
            throw new SQLException("no database connection within " + wait + " ms", e.getSQLState(), e);
        }
    }

    /** Gives a borrowed connection back; {@code reusable} false discards it (it failed during use). */
    void release(Connection c, boolean reusable) {
        if (reusable) ConnectionFactory.closeQuietly(c);
        else pool.evictConnection(c);
    }

    /**
     * Gives back a connection whose work failed with {@code failure}: it is never used again, and when the failure
     * says PostgreSQL ended the session (SQL state class 08, or 57P01–57P03: shut down, crashed, not accepting
     * connections) the idle connections go too. A database that dropped one session (a restart, a failover, an
     * administrator ending every session) has dropped them all, and an idle connection used within half a second of
     * its last use is handed out without a check, so the next calls would each meet a dead one.
     */
    void discard(Connection c, SQLException failure) {
        pool.evictConnection(c);
        if (kind == StoreLocation.Kind.POSTGRESQL && ConnectionFailure.sessionLost(failure)) pool.softEvictConnections();
    }

    /** Closes the pool; connections still in use are closed too. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            pool.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
