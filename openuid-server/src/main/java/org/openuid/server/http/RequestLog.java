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

    private RequestLog() {}

    public static Handler<RoutingContext> assignId() {
        return ctx -> {
            String id = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            ctx.put(REQUEST_ID, id);
            ctx.response().putHeader("X-Request-Id", id);
            ctx.next();
        };
    }

    public static String id(RoutingContext ctx) {
        String id = ctx.get(REQUEST_ID);
        return id == null ? "-" : id;
    }

    /** Logs an internal error with the request id and answers a plain 500 JSON. */
    public static void internalError(RoutingContext ctx, String message, Throwable cause) {
        LOG.error("request {} {} {} client {} failed: {}", id(ctx), ctx.request().method(), ctx.request().path(),
                ctx.get(CLIENT_KEY_ID) == null ? "-" : ctx.get(CLIENT_KEY_ID), message, cause);
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
