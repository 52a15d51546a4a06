package org.openuid.server.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The words the command line uses when a request got no HTTP answer. */
class HttpFailuresTest {
    static final URI URL = URI.create("http://db.internal:8080/v2/token/generate");
    static final Duration CONNECT = Duration.ofSeconds(10);
    static final Duration REQUEST = Duration.ofSeconds(60);

    static String describe(IOException e) {
        return HttpFailures.describe(URL.toString(), URL, e, CONNECT, REQUEST, "is the operator running there?").getMessage();
    }

    static <T extends Throwable> T causedBy(T e, Throwable cause) {
        e.initCause(cause);
        return e;
    }

    @Test
    void refusedConnectionsNameTheUrlAndAHint() {
        assertThat(describe(causedBy(new ConnectException(), new ClosedChannelException())))
                .isEqualTo("cannot reach http://db.internal:8080/v2/token/generate: connection refused (is the operator running there?)");
        assertThat(describe(new ConnectException("No route to host")))
                .isEqualTo("cannot reach http://db.internal:8080/v2/token/generate: cannot connect (No route to host) (is the operator running there?)");
    }

    @Test
    void unknownHostsAndTimeoutsSaySo() {
        assertThat(describe(causedBy(new ConnectException(), causedBy(new ConnectException(), new UnresolvedAddressException()))))
                .isEqualTo("cannot reach http://db.internal:8080/v2/token/generate: unknown host 'db.internal'");
        assertThat(describe(new HttpConnectTimeoutException("HTTP connect timed out")))
                .isEqualTo("cannot reach http://db.internal:8080/v2/token/generate: no connection within 10 s");
        assertThat(describe(new HttpTimeoutException("request timed out")))
                .isEqualTo("cannot reach http://db.internal:8080/v2/token/generate: no answer within 60 s");
        assertThat(describe(new IOException("Connection reset"))).endsWith(": Connection reset");
        assertThat(describe(new IOException())).endsWith(": IOException");
    }
}
