package org.openuid.store;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/** A {@link DataSource} that opens a new physical connection per call (for schema migration and under the pool). */
final class FactoryDataSource implements DataSource {

    private final ConnectionFactory factory;
    private volatile int loginTimeoutSeconds;
    private volatile boolean lastOpenFailed;

    FactoryDataSource(ConnectionFactory factory) {
        this.factory = factory;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            Connection c = factory.open();
            lastOpenFailed = false;
            return c;
        } catch (SQLException | RuntimeException e) {
            lastOpenFailed = true;
            throw e;
        }
    }

    /** True when the latest attempt to open a connection failed (the database is away or unreachable). */
    boolean lastOpenFailed() {
        return lastOpenFailed;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the store location");
    }

    @Override
    public PrintWriter getLogWriter() { return null; }

    @Override
    public void setLogWriter(PrintWriter out) { }

    @Override
    public void setLoginTimeout(int seconds) { loginTimeoutSeconds = seconds; }

    @Override
    public int getLoginTimeout() { return loginTimeoutSeconds; }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
