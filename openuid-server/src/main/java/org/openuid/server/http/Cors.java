package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS as the spec describes it (endpoints.md §1.1): any Origin is echoed; preflights are answered 204 without
 * authentication; requests without Origin get no CORS headers.
 */
public final class Cors implements Handler<RoutingContext> {
    private static final String ALLOWED_HEADERS = "X-UID2-Client-Version, Content-Type, Access-Control-Request-Method, "
            + "Access-Control-Allow-Credentials, Access-Control-Allow-Origin, Access-Control-Allow-Headers";

    @Override
    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Access-Control-Allow-Origin", origin);
        ctx.response().putHeader("Vary", "Origin");
        if (ctx.request().method() == HttpMethod.OPTIONS && ctx.request().getHeader("Access-Control-Request-Method") != null) {
            String headers = ctx.request().path().equals("/v2/token/validate") ? ALLOWED_HEADERS + ", Authorization" : ALLOWED_HEADERS;
            ctx.response().setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                    .putHeader("Access-Control-Allow-Headers", headers)
                    .putHeader("Access-Control-Max-Age", "600")
                    .end();
            return;
        }
        ctx.next();
    }
}
