package org.openuid.store;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Says in words why a PostgreSQL connection could not be opened: the database does not exist, the connection was
 * refused, authentication failed, the password is missing, and so on. Built from the driver's SQL state and
 * message and from where the password came from; never contains the password.
 */
final class ConnectionFailure {

    private ConnectionFailure() {}

    static String describe(SQLException e, PostgresCredentials credentials) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String text = serverText(e);
        String user = "\"" + credentials.user() + "\"";
        switch (state) {
            case "3D000":
                return text; // database "x" does not exist
            case "28P01":
                return "authentication failed: " + text + (credentials.passwordSource() == null ? ""
                        : " (password from " + credentials.passwordSource() + ")");
            case "28000":
                return "authentication failed for user " + user + ": " + text;
            default:
                break;
        }
        if (text.toLowerCase(Locale.ROOT).contains("no password was provided")) {
            return "password missing: the server asks for a password for user " + user + " and none was found ("
                    + "searched " + String.join(", ", credentials.searched()) + ")";
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException) return "connection refused: " + text;
        if (cause instanceof UnknownHostException) return "unknown host " + cause.getMessage();
        if (cause instanceof NoRouteToHostException) return "no route to host: " + text;
        if (cause instanceof SocketTimeoutException) return "connection timed out: " + text;
        return text;
    }

    /**
     * {@code ": <reason>"} when {@code e} says the connection failed or the server refused work (SQL state classes
     * 08, 53 and 57: connection lost, out of resources, shutting down), else empty. Other errors add nothing: their
     * messages can quote the values of a statement.
     */
    static String connectionReason(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (!(state.startsWith("08") || state.startsWith("53") || state.startsWith("57"))) return "";
        return ": " + serverText(e);
    }

    /**
     * True when {@code e} says the session itself is gone: SQL state class 08 (connection exception) or
     * 57P01–57P03 (the server shut down, crashed or is not accepting connections), as opposed to an error of one
     * statement on a live session (a timeout, a lock, a constraint).
     */
    static boolean sessionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03");
    }

    /** The driver's message, first line, without the server's severity prefix. */
    private static String serverText(SQLException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = m.indexOf('\n');
        if (newline >= 0) m = m.substring(0, newline);
        for (String prefix : new String[] {"FATAL: ", "ERROR: "}) {
            if (m.startsWith(prefix)) return m.substring(prefix.length());
        }
        return m;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }
}
