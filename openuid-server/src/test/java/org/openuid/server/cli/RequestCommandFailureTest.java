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

    @Test
    void aSecretThatIsNotThirtyTwoBytesOfBase64IsNamedWithoutShowingIt() {
        String url = "http://127.0.0.1:1/v2/token/generate";
        assertThatThrownBy(() -> command(url, "key", "s3cr3t!").call())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the client secret is not valid: it must be the Base64 text of 32 bytes (44 characters, as the operator"
                        + " printed it), got 7 characters that are not Base64");
        assertThatThrownBy(() -> command(url, "key", "abcd").call())
                .hasMessageEndingWith("got 4 characters holding 3 bytes");
        assertThatThrownBy(() -> command("--refresh", url, "abcd").call())
                .hasMessageStartingWith("the refresh_response_key is not valid: it must be the Base64 text of 32 bytes");
    }

    @Test
    void aUrlWithoutSchemeOrHostIsNamed() {
        for (String url : new String[] {"localhost:8080/v2/token/generate", "/v2/token/generate", "ftp://host/x", "http://"}) {
            assertThatThrownBy(() -> command(url, "key", SECRET).call())
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the URL ");
        }
        assertThatThrownBy(() -> command("localhost:8080/v2/token/generate", "key", SECRET).call())
                .hasMessage("the URL must start with http:// or https:// and name the operator, e.g."
                        + " http://localhost:8080/v2/token/generate, got localhost:8080/v2/token/generate");
    }
}
