package org.openuid.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.crypto.Aes256Gcm;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.envelope.RequestEnvelope;
import org.openuid.core.envelope.ResponseEnvelope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code openuid request URL KEY SECRET}: reads JSON on stdin, sends it in a v2 envelope and prints the decrypted
 * answer. With {@code --refresh}, {@code openuid request --refresh URL REFRESH_RESPONSE_KEY} sends the refresh
 * token read on stdin and decrypts the answer with the response key.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = "Call an API endpoint with an encrypted request and print the decrypted response.")
final class RequestCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Endpoint URL, e.g. http://localhost:8080/v2/token/generate")
    String url;

    @Parameters(index = "1", description = "API key (or, with --refresh, the refresh_response_key)")
    String key;

    @Parameters(index = "2", arity = "0..1", description = "Client secret (not used with --refresh)")
    String secret;

    @Option(names = "--refresh", description = "Send a refresh token (stdin) to /v2/token/refresh.")
    boolean refresh;

    @Option(names = "--binary", description = "Send and receive application/octet-stream instead of Base64 text.")
    boolean binary;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;

    @Override
    public Integer call() throws Exception {
        String input = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        if (timeoutSeconds < 1) throw new IllegalArgumentException("--timeout must be at least 1 second, got " + timeoutSeconds);
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        if (refresh) return refresh(http, input);
        if (secret == null) throw new IllegalArgumentException("the client secret is required (openuid request URL KEY SECRET)");
        byte[] secretBytes = key32("client secret", secret);
        byte[] nonce = IvSource.secure().next(8);
        byte[] json = input.isEmpty() ? new byte[0] : input.getBytes(StandardCharsets.UTF_8);
        byte[] envelope = RequestEnvelope.seal(secretBytes, System.currentTimeMillis(), nonce, json, IvSource.secure());
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Authorization", "Bearer " + key.trim());
        if (binary) {
            req.header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        } else {
            req.header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(Base64.getEncoder().encodeToString(envelope)));
        }
        HttpResponse<byte[]> resp = send(http, req.build());
        if (resp.statusCode() != 200) return failed(resp);
        byte[] blob = isOctetStream(resp) ? resp.body() : Base64.getDecoder().decode(new String(resp.body(), StandardCharsets.US_ASCII).strip());
        print(ResponseEnvelope.open(secretBytes, blob, nonce));
        return 0;
    }

    private int refresh(HttpClient http, String refreshToken) throws Exception {
        byte[] responseKey = key32("refresh_response_key", key);
        HttpRequest req = HttpRequest.newBuilder(endpoint()).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", binary ? "application/octet-stream" : "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(refreshToken)).build();
        HttpResponse<byte[]> resp = send(http, req);
        if (resp.statusCode() != 200) return failed(resp);
        String ct = resp.headers().firstValue("Content-Type").orElse("");
        if (ct.startsWith("application/json")) {
            print(resp.body());
            return 0;
        }
        byte[] blob = isOctetStream(resp) ? resp.body() : Base64.getDecoder().decode(new String(resp.body(), StandardCharsets.US_ASCII).strip());
        print(Aes256Gcm.decrypt(responseKey, blob, 0, blob.length, null));
        return 0;
    }

    /** The endpoint URL, which must be an absolute http or https URL. */
    private URI endpoint() {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the URL is not valid (" + e.getReason() + "): " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null)
            throw new IllegalArgumentException("the URL must start with http:// or https:// and name the operator, e.g. "
                    + "http://localhost:8080/v2/token/generate, got " + url);
        return uri;
    }

    /** A client secret or refresh response key: Base64 of 32 bytes; the message never shows the value. */
    static byte[] key32(String what, String value) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            bytes = null;
        }
        if (bytes == null || bytes.length != 32)
            throw new IllegalArgumentException("the " + what + " is not valid: it must be the Base64 text of 32 bytes (44 characters,"
                    + " as the operator printed it), got " + value.trim().length() + " characters"
                    + (bytes == null ? " that are not Base64" : " holding " + bytes.length + " bytes"));
        return bytes;
    }

    /** Sends, turning a failure without an HTTP answer into an error that names the URL and the reason. */
    private HttpResponse<byte[]> send(HttpClient http, HttpRequest req) throws InterruptedException {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw HttpFailures.describe(url, req.uri(), e, CONNECT_TIMEOUT, Duration.ofSeconds(timeoutSeconds),
                    "is the operator running there?");
        }
    }

    private static boolean isOctetStream(HttpResponse<?> resp) {
        return resp.headers().firstValue("Content-Type").orElse("").equalsIgnoreCase("application/octet-stream");
    }

    private int failed(HttpResponse<byte[]> resp) {
        err.println("HTTP " + resp.statusCode());
        err.println(new String(resp.body(), StandardCharsets.UTF_8));
        return 1;
    }

    private void print(byte[] json) throws java.io.IOException {
        ObjectMapper m = new ObjectMapper();
        out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(json)));
    }
}
