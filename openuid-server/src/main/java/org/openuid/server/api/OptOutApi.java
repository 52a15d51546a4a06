package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.v2.TokenLogoutHandler;
import org.openuid.server.http.Operator;

/** Opt-out ingestion routes: POST /v2/token/logout (spec endpoints.md §13). */
public final class OptOutApi {
    private OptOutApi() {}

    public static void register(Router router, Operator op) {
        router.post("/v2/token/logout").handler(new TokenLogoutHandler(op));
    }
}
