package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.TokenGenerateHandler;
import org.openuid.server.api.v2.TokenRefreshHandler;
import org.openuid.server.api.v2.TokenValidateHandler;
import org.openuid.server.http.DirectRoutes;
import org.openuid.server.http.Drain;
import org.openuid.server.http.Operator;

import java.util.function.Consumer;

/** Publisher routes: token generate, refresh and validate. */
public final class PublisherApi {
    private PublisherApi() {}

    /** Paths that {@link #directRoutes} serves without the router (POST, exact path). */
    public static final String[] DIRECT_PATHS = {"/v2/token/generate", "/v2/token/refresh"};

    public static void register(Router router, Operator op) {
        router.post("/v2/token/generate").handler(new TokenGenerateHandler(op));
        router.post("/v2/token/refresh").handler(new TokenRefreshHandler(op));
        router.post("/v2/token/validate").handler(new TokenValidateHandler(op));
    }

    /**
     * The server's request handler: token generate and refresh served directly ({@link DirectRoutes}), everything
     * else by {@code router} (which also keeps its routes for those two, for any other spelling of their paths).
     */
    @SuppressWarnings("unchecked")
    public static DirectRoutes directRoutes(Router router, Operator op, Drain drain) {
        return new DirectRoutes(router, op, drain, DIRECT_PATHS,
                new Consumer[]{new TokenGenerateHandler(op), new TokenRefreshHandler(op)});
    }
}
