package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an id (returned in {@code X-Request-Id}) and turns unexpected failures into a 500 that
 * names the id, never the cause; the cause is logged with the id. Nothing secret (keys, bodies, tokens) is logged.
 */
public final class RequestLog {
    static final String REQUEST_ID = "openuid.requestId";
    static final String CLIENT_KEY_ID = "openuid.clientKeyId";
    /** The response header with the id, prepared once (its case-insensitive hash code is not computed per request). */
    static final CharSequence ID_HEADER = HttpHeaders.createOptimized("X-Request-Id");
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("openuid.access");

    private RequestLog() {}

    public static Handler<RoutingContext> assignId() {
        return ctx -> {
            String id = newId();
            ctx.put(REQUEST_ID, id);
            ctx.response().putHeader(ID_HEADER, id);
            ctx.next();
        };
    }

    /**
     * Times every request for the metrics and, with {@code access_log} on, writes one access line: request id,
     * method, route template (never the raw path: v1 query strings carry DII), status, duration, client key id.
     */
    public static Handler<RoutingContext> measure(Operator op) {
        boolean accessLog = op.config().accessLog();
        return ctx -> {
            long start = System.nanoTime();
            ctx.addEndHandler(v -> {
                long nanos = System.nanoTime() - start;
                io.vertx.ext.web.Route r = ctx.currentRoute();
                String route = r == null || r.getPath() == null ? "other" : r.getPath();
                Object keyId = accessLog ? ctx.get(CLIENT_KEY_ID) : null;
                finished(op, accessLog, accessLog ? id(ctx) : null, ctx.request().method().name(), route,
                        ctx.response().getStatusCode(), nanos, keyId == null ? "-" : keyId);
            });
            ctx.next();
        };
    }

    /** The metrics and the access line of one finished request, on either path ({@link DirectRoutes}). */
    static void finished(Operator op, boolean accessLog, String requestId, String method, String route, int status,
                         long nanos, Object clientKeyId) {
        op.metrics().request(route, method, status, nanos);
        if (accessLog) {
            ACCESS.atInfo().addKeyValue("request_id", requestId).addKeyValue("method", method)
                    .addKeyValue("route", route).addKeyValue("status", status)
                    .addKeyValue("duration_ms", nanos / 1_000_000.0)
                    .addKeyValue("client_key_id", clientKeyId)
                    .log("request");
        }
    }

    /** A request id: 63 random bits in hexadecimal. */
    static String newId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    public static String id(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Logs an internal error with the request id and answers a plain 500 JSON. */
    public static void internalError(RoutingContext ctx, String message, Throwable cause) {
        io.vertx.ext.web.Route r = ctx.currentRoute();
        Object keyId = ctx.get(CLIENT_KEY_ID);
        internalError(ctx.response(), id(ctx), ctx.request().method().name(),
                r == null || r.getPath() == null ? "other" : r.getPath(), keyId == null ? "-" : keyId, message, cause);
    }

    /** The same for an endpoint's exchange. */
    public static void internalError(Exchange x, String message, Throwable cause) {
        internalError(x.response(), x.requestId(), x.request().method().name(), x.route(), x.loggedClientKeyId(),
                message, cause);
    }

    private static void internalError(io.vertx.core.http.HttpServerResponse response, String id, String method,
                                      String route, Object clientKeyId, String message, Throwable cause) {
        LOG.atError().addKeyValue("request_id", id).addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("client_key_id", clientKeyId)
                .setCause(cause).log("request {} failed: {}", id, message);
        Responses.error(response, 500, "unknown", message + " (request id " + id + ")");
    }

    public static Handler<RoutingContext> failureHandler() {
        return ctx -> {
            int code = ctx.statusCode();
            if (ctx.failure() == null && code > 0 && code < 500) {
                Responses.json(ctx, code, "{\"status\":\"client_error\",\"message\":\""
                        + (code == 404 ? "Not found" : code == 405 ? "Method not allowed" : "Bad request") + "\"}");
                return;
            }
            internalError(ctx, "Internal error", ctx.failure());
        };
    }
}
