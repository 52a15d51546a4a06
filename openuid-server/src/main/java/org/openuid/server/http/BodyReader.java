package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Collects the request body verbatim (never form-decoded: Base64 '+' must stay '+') up to a limit; larger
 * bodies get 413.
 */
public final class BodyReader implements Handler<RoutingContext> {
    static final String BODY_KEY = "openuid.body";
    private final int limit;

    public BodyReader(int limit) { this.limit = limit; }

    /**
     * Whether the request declares a body longer than {@code limit} ({@code Content-Length}); a malformed length is
     * the HTTP codec's to reject. Also used for the routes served without the router, {@link DirectRoutes}.
     */
    static boolean declaresMoreThan(HttpServerRequest request, int limit) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared == null) return false;
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException ignored) {
            return false;
        }
    }

    /** 413 for a body over {@code limit}, and the connection closes (the rest of the body is not read). */
    static void tooLarge(HttpServerResponse response, int limit) {
        response.putHeader("Connection", "close");
        Responses.error(response, 413, "client_error", "Request body too large: the limit is " + limit + " bytes");
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (declaresMoreThan(ctx.request(), limit)) {
            tooLarge(ctx.response(), limit);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        ctx.request().handler(chunk -> {
            if (failed[0]) return;
            if (body.length() + chunk.length() > limit) {
                failed[0] = true;
                tooLarge(ctx.response(), limit);
                return;
            }
            body.appendBuffer(chunk);
        });
        ctx.request().endHandler(v -> {
            if (failed[0]) return;
            ctx.put(BODY_KEY, body);
            ctx.next();
        });
        ctx.request().exceptionHandler(e -> { failed[0] = true; });
        ctx.request().resume();
    }
}
