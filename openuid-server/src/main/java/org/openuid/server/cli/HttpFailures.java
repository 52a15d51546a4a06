package org.openuid.server.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * Clear words for a request of the command line that got no HTTP answer ({@code openuid request}, {@code openuid
 * admin ...}): the JDK's exceptions often carry no message at all ({@code java.net.ConnectException}).
 */
final class HttpFailures {
    private HttpFailures() {}

    /**
     * "cannot reach WHAT: REASON", with {@code hint} in brackets when nothing accepted the connection.
     *
     * @param what names the target, e.g. the URL or "the admin API at URL"
     */
    static IllegalArgumentException describe(String what, URI uri, IOException e, Duration connectTimeout,
                                             Duration requestTimeout, String hint) {
        String reason = reason(uri, e, connectTimeout, requestTimeout);
        boolean refused = e instanceof ConnectException && !reason.startsWith("unknown host");
        return new IllegalArgumentException("cannot reach " + what + ": " + reason + (refused ? " (" + hint + ")" : ""));
    }

    /**
     * Why a request to {@code uri} failed, e.g. "connection refused", "unknown host 'db.internal'", "no answer within
     * 60 s".
     *
     * @param connectTimeout the client's connect timeout, {@code requestTimeout} the request's
     */
    static String reason(URI uri, IOException e, Duration connectTimeout, Duration requestTimeout) {
        if (e instanceof HttpConnectTimeoutException) return "no connection within " + seconds(connectTimeout);
        if (e instanceof HttpTimeoutException) return "no answer within " + seconds(requestTimeout);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException)
                return "unknown host '" + uri.getHost() + "'";
        }
        if (e instanceof ConnectException) {
            for (Throwable t = e; t != null; t = t.getCause())
                if (t.getMessage() != null && !t.getMessage().isBlank()) return "cannot connect (" + t.getMessage() + ")";
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
