package org.openuid.server.http;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.openuid.server.api.ops.HealthcheckHandler;
import org.openuid.server.api.v2.KeyBidstreamHandler;
import org.openuid.server.api.v2.KeyLatestHandler;
import org.openuid.server.api.v2.KeySharingHandler;
import org.openuid.server.api.v2.TokenGenerateHandler;
import org.openuid.server.api.v2.TokenRefreshHandler;
import org.openuid.server.api.v2.TokenValidateHandler;

/** The public API's routes. Building the router needs no network, so routing is testable on its own. */
public final class ApiRouter {
    private ApiRouter() {}

    public static Router create(Vertx vertx, Operator op) {
        Router router = Router.router(vertx);
        router.route().handler(RequestLog.assignId());
        router.route().handler(new Cors());
        router.route().handler(new BodyReader(op.config().maxRequestBodyBytes()));

        router.post("/v2/token/generate").handler(new TokenGenerateHandler(op));
        router.post("/v2/token/refresh").handler(new TokenRefreshHandler(op));
        router.post("/v2/token/validate").handler(new TokenValidateHandler(op));
        router.post("/v2/key/sharing").handler(new KeySharingHandler(op));
        router.post("/v2/key/bidstream").handler(new KeyBidstreamHandler(op));
        router.post("/v2/key/latest").handler(new KeyLatestHandler(op));
        router.get("/ops/healthcheck").handler(new HealthcheckHandler(op));

        router.route().failureHandler(RequestLog.failureHandler());
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "client_error", "Not found: " + ctx.request().path()));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "client_error", "Method not allowed"));
        return router;
    }
}
