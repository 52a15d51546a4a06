package org.openuid.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Listens on PostgreSQL's {@code openuid_changes} and {@code openuid_optouts} channels (raised by the triggers of
 * migration V6 in the writing transaction, with the schema name as payload) over one dedicated connection, and
 * passes notifications for this store's schema to a {@link ChangeListener}.
 *
 * <p>The first connection is made before the constructor returns, so a node starts with notifications on. The
 * connection is checked every few seconds; when it breaks the feed reconnects with a growing pause (up to
 * {@value #MAX_BACKOFF_MILLIS} ms). Each time it starts listening it reports both kinds of change once, so that the
 * reader catches up on anything committed while nobody was listening.
 */
final class PostgresChangeFeed implements ChangeFeed {

    static final String CHANGES_CHANNEL = "openuid_changes";
    static final String OPTOUTS_CHANNEL = "openuid_optouts";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);
    private static final int WAIT_MILLIS = 250;
    private static final long CHECK_EVERY_NANOS = 5_000_000_000L;
    private static final int VALIDATION_TIMEOUT_SECONDS = 5;
    private static final long MIN_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final ConnectionFactory factory;
    private final ChangeListener listener;
    private final String description;
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean connected;

    PostgresChangeFeed(ConnectionFactory factory, ChangeListener listener, String description) {
        this.factory = factory;
        this.listener = listener;
        this.description = description;
        Connection first = null;
        String schema = null;
        try {
            first = factory.open();
            schema = listen(first);
            connected = true;
        } catch (SQLException | RuntimeException e) {
            if (first != null) ConnectionFactory.closeQuietly(first);
            first = null;
        }
        Connection initial = first;
        String initialSchema = schema;
        this.thread = new Thread(() -> run(initial, initialSchema), "openuid-store-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public boolean connected() {
        return connected;
    }

    /** @param initial a connection already listening (opened by the constructor), or null */
    private void run(Connection initial, String initialSchema) {
        long backoff = MIN_BACKOFF_MILLIS;
        boolean warned = false;
        Connection next = initial;
        while (!closed) {
            try (Connection c = next != null ? next : factory.open()) {
                String schema = next != null ? initialSchema : listen(c);
                connected = true;
                if (warned) LOG.info("listening for store changes again on {}", description);
                next = null;
                deliver(ChangeListener.Change.SNAPSHOT);
                deliver(ChangeListener.Change.OPT_OUTS);
                backoff = MIN_BACKOFF_MILLIS;
                warned = false;
                receive(c, schema);
            } catch (SQLException | RuntimeException e) {
                if (!closed && !warned) {
                    LOG.warn("store change notifications interrupted ({}); polling continues, reconnecting", e.toString());
                    warned = true;
                }
            } finally {
                connected = false;
            }
            if (closed) return;
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
        if (next != null) ConnectionFactory.closeQuietly(next);
    }

    private static String listen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + CHANGES_CHANNEL);
            s.execute("LISTEN " + OPTOUTS_CHANNEL);
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                String schema = rs.getString(1);
                return schema == null ? "" : schema;
            }
        }
    }

    private void receive(Connection c, String schema) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (!closed) {
            PGNotification[] notes = pg.getNotifications(WAIT_MILLIS);
            if (notes != null) {
                boolean snapshot = false;
                boolean optOuts = false;
                for (PGNotification n : notes) {
                    if (!schema.equals(n.getParameter())) continue;
                    if (CHANGES_CHANNEL.equals(n.getName())) snapshot = true;
                    else if (OPTOUTS_CHANNEL.equals(n.getName())) optOuts = true;
                }
                if (snapshot) deliver(ChangeListener.Change.SNAPSHOT);
                if (optOuts) deliver(ChangeListener.Change.OPT_OUTS);
            }
            if (System.nanoTime() - lastCheck > CHECK_EVERY_NANOS) {
                if (!c.isValid(VALIDATION_TIMEOUT_SECONDS)) throw new SQLException("the notification connection is no longer valid");
                lastCheck = System.nanoTime();
            }
        }
    }

    private void deliver(ChangeListener.Change change) {
        try {
            listener.changed(change);
        } catch (RuntimeException e) {
            LOG.warn("change listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
