package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain JSON client of the admin API for tests, with the admin token of a {@link TestOperator}. */
public final class AdminHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String baseUrl;
    private final String token;

    /** Status, body text and the body as JSON (null when it is not JSON). */
    public record Answer(int status, String text, JsonNode json, HttpResponse<String> raw) {
        public String message() { return json == null ? text : json.path("message").asText(); }
    }

    public AdminHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A client of the operator's admin listener with the token written to its credentials file. */
    public static AdminHttp of(TestOperator op) throws Exception {
        return new AdminHttp("http://127.0.0.1:" + op.node.adminPort(), adminToken(op));
    }

    /** The admin token written at first start ({@code admin_token} in the credentials file). */
    public static String adminToken(TestOperator op) throws Exception {
        return JSON.readTree(op.node.operator().config().credentialsPath().toFile()).get("admin_token").asText();
    }

    /** {@code openuid admin ARGS} against this operator's admin API, with JSON output. */
    public static String[] cli(TestOperator op, String... args) throws Exception {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("admin"));
        all.addAll(java.util.List.of(args));
        all.addAll(java.util.List.of("--admin-url", "http://127.0.0.1:" + op.node.adminPort(), "--admin-token", adminToken(op), "--json"));
        return all.toArray(String[]::new);
    }

    public AdminHttp withToken(String other) { return new AdminHttp(baseUrl, other); }

    public static String enc(String pathSegment) { return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20"); }

    public Answer get(String path) throws Exception { return send("GET", path, null); }

    public Answer post(String path, String json) throws Exception { return send("POST", path, json); }

    public Answer patch(String path, String json) throws Exception { return send("PATCH", path, json); }

    public Answer send(String method, String path, String json, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = JSON.readTree(r.body());
        } catch (Exception e) {
            parsed = null;
        }
        return new Answer(r.statusCode(), r.body(), parsed, r);
    }
}
