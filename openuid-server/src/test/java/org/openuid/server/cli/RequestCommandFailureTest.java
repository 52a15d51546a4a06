package org.openuid.server.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code openuid request} against a server that is down or silent names the URL and what went wrong. */
class RequestCommandFailureTest {
    static final String SECRET = Base64.getEncoder().encodeToString(new byte[32]);

    static RequestCommand command(String... args) {
        RequestCommand cmd = new RequestCommand();
        new CommandLine(cmd).parseArgs(args);
        cmd.in = new ByteArrayInputStream("{\"email\":\"user@example.com\"}".getBytes(StandardCharsets.UTF_8));
        return cmd;
    }

    @Test
    void aServerThatIsDownIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/v2/token/generate";
        assertThatThrownBy(() -> command(url, "key", SECRET).call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot reach " + url + ": connection refused (is the operator running there?)");
        assertThatThrownBy(() -> command("--refresh", url, SECRET).call())
                .hasMessageStartingWith("cannot reach " + url + ": connection refused");
    }

    @Test
    void aServerThatDoesNotAnswerIsNamed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + silent.getLocalPort() + "/v2/token/generate";
            assertThatThrownBy(() -> command(url, "key", SECRET, "--timeout", "1").call())
                    .hasMessage("cannot reach " + url + ": no answer within 1 s");
        }
        assertThatThrownBy(() -> command("http://127.0.0.1:1/", "key", SECRET, "--timeout", "0").call())
                .hasMessageContaining("--timeout must be at least 1 second");
    }
}
