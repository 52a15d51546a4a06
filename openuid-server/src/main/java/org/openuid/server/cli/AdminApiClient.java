package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The admin API over HTTP, for the {@code openuid admin} commands (docs/admin.md). An answer other than 2xx becomes
 * an {@link IllegalArgumentException} with the API's message, which the command line prints as {@code error: ...}.
 */
final class AdminApiClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String baseUrl;
    private final String token;

    AdminApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** A path segment with every reserved character percent-encoded (key ids contain '/' and '+'). */
    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) { return send("GET", path, null); }

    JsonNode post(String path, JsonNode body) { return send("POST", path, body); }

    JsonNode patch(String path, JsonNode body) { return send("PATCH", path, body); }

    private JsonNode send(String method, String path, JsonNode body) {
        URI uri = URI.create(baseUrl + "/admin/v1" + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (body != null) b.header("Content-Type", "application/json");
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw HttpFailures.describe("the admin API at " + baseUrl, uri, e, CONNECT_TIMEOUT, REQUEST_TIMEOUT,
                    "is the operator running, and is --admin-url right?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        JsonNode json;
        try {
            json = JSON.readTree(r.body());
        } catch (IOException e) {
            json = null;
        }
        if (r.statusCode() / 100 != 2) {
            String message = json != null && json.hasNonNull("message") ? json.get("message").asText() : r.body();
            throw new IllegalArgumentException(message + " (admin API answered " + r.statusCode() + ")");
        }
        if (json == null) throw new IllegalArgumentException("the admin API at " + baseUrl + " did not answer JSON");
        return json;
    }
}
