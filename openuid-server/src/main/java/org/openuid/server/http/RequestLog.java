package org.openuid.server.http;

import io.vertx.core.Handler;
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
    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("openuid.access");

    private RequestLog() {}

    public static Handler<RoutingContext> assignId() {
        return ctx -> {
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            ctx.put(REQUEST_ID, id);
            ctx.response().putHeader("X-Request-Id", id);
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
                int status = ctx.response().getStatusCode();
                op.metrics().request(route, ctx.request().method().name(), status, nanos);
                if (accessLog) {
                    ACCESS.atInfo().addKeyValue("request_id", id(ctx)).addKeyValue("method", ctx.request().method().name())
                            .addKeyValue("route", route).addKeyValue("status", status)
                            .addKeyValue("duration_ms", nanos / 1_000_000.0)
                            .addKeyValue("client_key_id", ctx.get(CLIENT_KEY_ID) == null ? "-" : ctx.get(CLIENT_KEY_ID))
                            .log("request");
                }
            });
            ctx.next();
        };
    }

    public static String id(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Logs an internal error with the request id and answers a plain 500 JSON. */
    public static void internalError(RoutingContext ctx, String message, Throwable cause) {
        io.vertx.ext.web.Route r = ctx.currentRoute();
        LOG.atError().addKeyValue("request_id", id(ctx)).addKeyValue("method", ctx.request().method().name())
                .addKeyValue("route", r == null || r.getPath() == null ? "other" : r.getPath())
                .addKeyValue("client_key_id", ctx.get(CLIENT_KEY_ID) == null ? "-" : ctx.get(CLIENT_KEY_ID))
                .setCause(cause).log("request {} failed: {}", id(ctx), message);
        Responses.error(ctx, 500, "unknown", message + " (request id " + id(ctx) + ")");
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
