package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * Collects the request body verbatim (never form-decoded: Base64 '+' must stay '+') up to a limit; larger
 * bodies get 413.
 */
public final class BodyReader implements Handler<RoutingContext> {
    static final String BODY_KEY = "openuid.body";
    private final int limit;

    public BodyReader(int limit) { this.limit = limit; }

    @Override
    public void handle(RoutingContext ctx) {
        String declared = ctx.request().getHeader("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    tooLarge(ctx);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // the HTTP codec rejects malformed lengths itself
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] failed = {false};
        ctx.request().handler(chunk -> {
            if (failed[0]) return;
            if (body.length() + chunk.length() > limit) {
                failed[0] = true;
                tooLarge(ctx);
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

    private void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        Responses.error(ctx, 413, "client_error", "Request body too large: the limit is " + limit + " bytes");
    }
}
