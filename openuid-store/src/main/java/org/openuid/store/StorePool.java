package org.openuid.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;

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
 * Starting the pool opens no connection; {@link #warmUp} opens the first, more are opened on demand up to the pool
 * size and kept down to one when idle.
 */
final class StorePool implements AutoCloseable {

    static final long PG_CONNECTION_TIMEOUT_MS = 5_000;
    static final long PG_VALIDATION_TIMEOUT_MS = 2_000;
    static final long PG_KEEPALIVE_MS = 60_000;
    static final long PG_MAX_LIFETIME_MS = 1_800_000;
    static final long PG_IDLE_TIMEOUT_MS = 600_000;
    static final long H2_CONNECTION_TIMEOUT_MS = ConnectionFactory.H2_LOCK_TIMEOUT_MILLIS;

    private final HikariDataSource pool;

    StorePool(ConnectionFactory factory, StoreLocation.Kind kind, int size) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("openuid-store");
        c.setDataSource(new FactoryDataSource(factory));
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
        this.pool = new HikariDataSource(c);
    }

    /** Opens the pool's first connection (and says why when it cannot). */
    void warmUp() throws SQLException {
        release(borrow(), true);
    }

    /** A connection in auto-commit mode; give it back with {@link #release}. */
    Connection borrow() throws SQLException {
        if (pool.isClosed()) throw new SQLException("the store is closed");
        try {
            return pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            // Hikari's timeout: the last reason a new connection could not be opened says more than the wait
            if (e.getCause() instanceof SQLException cause) throw new SQLException(cause.getMessage(), cause.getSQLState(), e);
            throw new SQLException("no database connection within "
                    + TimeUnit.MILLISECONDS.toSeconds(pool.getConnectionTimeout()) + " s", e.getSQLState(), e);
        }
    }

    /** Gives a borrowed connection back; {@code reusable} false discards it (it failed during use). */
    void release(Connection c, boolean reusable) {
        if (reusable) ConnectionFactory.closeQuietly(c);
        else pool.evictConnection(c);
    }

    /** Closes the pool; connections still in use are closed too. */
    @Override
    public void close() {
        pool.close();
    }
}
