package org.openuid.server.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.openuid.server.http.BodyReader;
import org.openuid.server.http.Cors;
import org.openuid.server.http.FailClosed;
import org.openuid.server.http.Operator;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;

/** The public API's routes. Building the router needs no network, so routing is testable on its own. */
public final class ApiRouter {
    private ApiRouter() {}

    public static Router create(Vertx vertx, Operator op) {
        Router router = Router.router(vertx);
        router.route().handler(RequestLog.assignId());
        router.route().handler(RequestLog.measure(op));
        router.route().handler(new Cors());
        router.route().handler(new BodyReader(op.config().maxRequestBodyBytes()));
        router.route().handler(new FailClosed(op));

        PublisherApi.register(router, op);
        ClientSideApi.register(router, op);
        KeyApi.register(router, op);
        IdentityApi.register(router, op);
        OptOutApi.register(router, op);
        LegacyApi.register(router, op);
        OpsApi.register(router, op);
        DocsApi.register(router, op);

        router.route().failureHandler(RequestLog.failureHandler());
        router.errorHandler(404, ctx -> Responses.error(ctx, 404, "client_error", notFoundMessage(ctx.request().path(), op.config().allowLegacyApi())));
        router.errorHandler(405, ctx -> Responses.error(ctx, 405, "client_error", "Method not allowed"));
        return router;
    }

    /**
     * The message of a 404: where to look instead for the routes that exist only in some configurations ({@code /docs}
     * outside demo mode, the v1 API without {@code allow_legacy_api}), else just the path.
     */
    static String notFoundMessage(String path, boolean legacyApi) {
        if ("/docs".equals(path)) return DocsApi.NOT_IN_DEMO_MODE;
        if (!legacyApi && path.startsWith("/v1/")) {
            return "Not found: " + path + ": the deprecated v1 API is served only when allow_legacy_api is on (serve --demo turns it on)";
        }
        return "Not found: " + path;
    }
}
