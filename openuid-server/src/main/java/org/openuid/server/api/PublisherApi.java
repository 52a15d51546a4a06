package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.TokenGenerateHandler;
import org.openuid.server.api.v2.TokenRefreshHandler;
import org.openuid.server.api.v2.TokenValidateHandler;
import org.openuid.server.http.Operator;

/** Publisher routes: token generate, refresh and validate. */
public final class PublisherApi {
    private PublisherApi() {}

    public static void register(Router router, Operator op) {
        router.post("/v2/token/generate").handler(new TokenGenerateHandler(op));
        router.post("/v2/token/refresh").handler(new TokenRefreshHandler(op));
        router.post("/v2/token/validate").handler(new TokenValidateHandler(op));
    }
}
