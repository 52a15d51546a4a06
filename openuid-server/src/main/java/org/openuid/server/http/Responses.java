package org.openuid.server.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** Plain (unencrypted) responses: errors and the ops endpoints. */
public final class Responses {
    public static final String JSON = "application/json";
    public static final String OCTET_STREAM = "application/octet-stream";
    public static final String TEXT = "text/plain";
    /** Prepared header name and values: their case-insensitive hash codes are computed once, not per answer. */
    private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
    private static final CharSequence TEXT_VALUE = HttpHeaders.createOptimized(TEXT);
    private static final CharSequence OCTET_STREAM_VALUE = HttpHeaders.createOptimized(OCTET_STREAM);

    private Responses() {}

    public static void json(RoutingContext ctx, int code, String body) {
        json(ctx.response(), code, body);
    }

    public static void json(HttpServerResponse response, int code, String body) {
        if (response.ended()) return;
        response.setStatusCode(code).putHeader(CONTENT_TYPE, JSON).end(body);
    }

    public static void error(RoutingContext ctx, int code, String status, String message) {
        error(ctx.response(), code, status, message);
    }

    public static void error(HttpServerResponse response, int code, String status, String message) {
        json(response, code, "{\"status\":" + Json.quote(status) + ",\"message\":" + Json.quote(message) + "}");
    }

    public static void clientError(RoutingContext ctx, String message) {
        clientError(ctx.response(), message);
    }

    public static void clientError(HttpServerResponse response, String message) {
        error(response, 400, "client_error", message);
    }

    /** 503 while the node fails closed (docs/deployment.md): {"status":"unknown","message":"Service unavailable: ..."}. */
    public static void serviceUnavailable(RoutingContext ctx, String reason) {
        serviceUnavailable(ctx.response(), reason);
    }

    public static void serviceUnavailable(HttpServerResponse response, String reason) {
        error(response, 503, "unknown", "Service unavailable: " + reason);
    }

    public static void unauthorized(RoutingContext ctx) {
        unauthorized(ctx.response());
    }

    public static void unauthorized(HttpServerResponse response) {
        json(response, 401, "{\"status\":\"unauthorized\"}");
    }

    public static void text(RoutingContext ctx, int code, String body) {
        if (ctx.response().ended()) return;
        ctx.response().setStatusCode(code).putHeader(CONTENT_TYPE, TEXT).end(body);
    }

    /**
     * An encrypted 200: raw bytes for binary exchanges, standard Base64 text otherwise. The bytes are handed to the
     * connection without another copy (the arrays are not used again).
     */
    public static void encrypted(RoutingContext ctx, byte[] blob, boolean binary) {
        encrypted(ctx, blob, blob.length, binary);
    }

    /** The same for the blob at {@code buffer[0 .. length)}. */
    public static void encrypted(RoutingContext ctx, byte[] buffer, int length, boolean binary) {
        encrypted(ctx.response(), buffer, length, binary);
    }

    /** The same on a response. */
    public static void encrypted(HttpServerResponse response, byte[] buffer, int length, boolean binary) {
        if (response.ended()) return;
        io.netty.buffer.ByteBuf body = binary ? io.netty.buffer.Unpooled.wrappedBuffer(buffer, 0, length)
                : io.netty.buffer.Unpooled.wrappedBuffer(java.util.Base64.getEncoder().encode(java.nio.ByteBuffer.wrap(buffer, 0, length)));
        response.setStatusCode(200).putHeader(CONTENT_TYPE, binary ? OCTET_STREAM_VALUE : TEXT_VALUE)
                .end(Buffer.buffer(body));
    }

    /** The request body collected by {@link BodyReader}. */
    public static byte[] body(RoutingContext ctx) {
        Buffer b = ctx.get(BodyReader.BODY_KEY);
        return b == null ? new byte[0] : b.getBytes();
    }
}
