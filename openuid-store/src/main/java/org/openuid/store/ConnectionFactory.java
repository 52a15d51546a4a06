package org.openuid.store;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens new physical connections to a store's database: for the pool, for schema migration and for the dedicated
 * PostgreSQL connections (change notifications, job locks). A connection that cannot be opened fails with an
 * {@link SQLException} whose message says why in words ({@link ConnectionFailure}); messages never contain a
 * password.
 */
@FunctionalInterface
interface ConnectionFactory {

    /** H2 waits this long for a row lock held by another connection before failing the statement. */
    int H2_LOCK_TIMEOUT_MILLIS = 60_000;

    Connection open() throws SQLException;

    /** The factory for {@code location}; PostgreSQL credentials are resolved once, here (see {@link PostgresCredentials}). */
    static ConnectionFactory of(StoreLocation location, StoreSettings settings) {
        if (location.kind() == StoreLocation.Kind.H2) return h2(location);
        PostgresCredentials credentials = PostgresCredentials.resolve(location, settings);
        Driver driver = new org.postgresql.Driver();
        String url = location.jdbcUrl();
        Properties props = credentials.apply(location.properties());
        return () -> {
            try {
                Connection c = driver.connect(url, props);
                if (c == null) throw new SQLException("no JDBC driver accepts the store URL");
                return c;
            } catch (SQLException e) {
                throw new SQLException(ConnectionFailure.describe(e, credentials), e.getSQLState(), e);
            }
        };
    }

    private static ConnectionFactory h2(StoreLocation location) {
        Driver driver = new org.h2.Driver();
        String url = location.jdbcUrl();
        Properties props = location.properties();
        return () -> {
            Connection c = driver.connect(url, props);
            if (c == null) throw new SQLException("no JDBC driver accepts the store URL");
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MILLIS);
            } catch (SQLException e) {
                closeQuietly(c);
                throw e;
            }
            return c;
        };
    }

    static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // nothing useful to do: the connection is being discarded
        }
    }
}
