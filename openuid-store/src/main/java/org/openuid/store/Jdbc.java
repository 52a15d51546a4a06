package org.openuid.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC plumbing of {@link JdbcStore}: reads on a pooled connection, transactions, versioned writes (a transaction
 * that first increments the single {@code change_version} row, then reports {@link ChangeListener.Change#SNAPSHOT}),
 * and small statement helpers shared by the row classes.
 */
final class Jdbc {

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface VersionedWork {
        void run(Connection c, long newVersion) throws SQLException;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final StorePool pool;
    private final ChangeListeners listeners;

    Jdbc(StorePool pool, ChangeListeners listeners) {
        this.pool = pool;
        this.listeners = listeners;
    }

    static long version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM change_version WHERE id = 1")) {
            if (!rs.next()) throw new SQLException("change_version row is missing");
            return rs.getLong(1);
        }
    }

    /** Runs {@code work} in a transaction that first increments the change version. */
    void write(String what, VersionedWork work) {
        transaction(what, 0, c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE change_version SET version = version + 1 WHERE id = 1");
            }
            work.run(c, version(c));
            return null;
        });
        listeners.changed(ChangeListener.Change.SNAPSHOT);
    }

    <T> T read(String what, SqlWork<T> work) {
        Connection c = borrow(what);
        boolean reusable = false;
        SQLException failure = null;
        try {
            T result = work.run(c);
            reusable = true;
            return result;
        } catch (SQLException e) {
            failure = e;
            throw new StoreException("could not " + what + ConnectionFailure.connectionReason(e), e);
        } finally {
            if (failure != null) pool.discard(c, failure);
            else pool.release(c, reusable);
        }
    }

    /** Runs {@code work} in one transaction; {@code isolation} 0 keeps the connection's default. */
    <T> T transaction(String what, int isolation, SqlWork<T> work) {
        Connection c = borrow(what);
        boolean reusable = false;
        SQLException failure = null;
        try {
            c.setAutoCommit(false);
            if (isolation != 0) c.setTransactionIsolation(isolation);
            T result = work.run(c);
            c.commit();
            reusable = true;
            return result;
        } catch (SQLException e) {
            failure = e;
            rollbackQuietly(c);
            throw new StoreException("could not " + what + ConnectionFailure.connectionReason(e), e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            reusable = reusable && resetQuietly(c, isolation);
            if (failure != null) pool.discard(c, failure);
            else pool.release(c, reusable);
        }
    }

    private Connection borrow(String what) {
        try {
            return pool.borrow();
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded by the caller
        }
    }

    private static boolean resetQuietly(Connection c, int isolation) {
        try {
            if (isolation != 0) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** UPDATE by key, INSERT when no row matched. Binder order: {@code columns...}, then the key. */
    static void upsert(Connection c, String table, String keyColumn, List<String> columns, Binder binder)
            throws SQLException {
        StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < columns.size(); i++) update.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = ?");
        update.append(" WHERE ").append(keyColumn).append(" = ?");
        try (PreparedStatement ps = c.prepareStatement(update.toString())) {
            binder.bind(ps);
            if (ps.executeUpdate() > 0) return;
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ", " + keyColumn + ") VALUES ("
                + "?, ".repeat(columns.size()) + "?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            binder.bind(ps);
            ps.executeUpdate();
        }
    }

    static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (binder != null) binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        }
    }

    static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** MAX(...) query result, {@link Integer#MIN_VALUE} when there are no rows. */
    static int maxOf(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            int max = rs.getInt(1);
            return rs.wasNull() ? Integer.MIN_VALUE + 1 : max;
        }
    }

    static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, value);
    }

    static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
