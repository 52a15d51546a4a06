package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS as the spec describes it (endpoints.md §1.1): any Origin is echoed; preflights are answered 204 without
 * authentication; requests without Origin get no CORS headers.
 */
public final class Cors implements Handler<RoutingContext> {
    private static final String ALLOWED_HEADERS = "X-UID2-Client-Version, Content-Type, Access-Control-Request-Method, "
            + "Access-Control-Allow-Credentials, Access-Control-Allow-Origin, Access-Control-Allow-Headers";

    /** Header names as prepared constants: their case-insensitive hash codes are computed once, not per request. */
    private static final CharSequence ORIGIN = HttpHeaders.createOptimized("Origin");
    private static final CharSequence ALLOW_ORIGIN = HttpHeaders.createOptimized("Access-Control-Allow-Origin");
    private static final CharSequence VARY = HttpHeaders.createOptimized("Vary");

    /**
     * Echoes the request's {@code Origin}, if it has one, in the response's CORS headers (also used for the routes
     * served without the router, {@link DirectRoutes}).
     *
     * @return whether the request had an {@code Origin}
     */
    static boolean allowOrigin(HttpServerRequest request, HttpServerResponse response) {
        String origin = request.getHeader(ORIGIN);
        if (origin == null) return false;
        response.putHeader(ALLOW_ORIGIN, origin);
        response.putHeader(VARY, ORIGIN);
        return true;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!allowOrigin(ctx.request(), ctx.response())) {
            ctx.next();
            return;
        }
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
