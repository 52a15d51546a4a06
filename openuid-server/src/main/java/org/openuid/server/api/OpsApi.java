package org.openuid.server.api;

import io.vertx.ext.web.Router;
import org.openuid.server.api.ops.HealthcheckHandler;
import org.openuid.server.http.Operator;

/** Operational routes. */
public final class OpsApi {
    private OpsApi() {}

    public static void register(Router router, Operator op) {
        router.get("/ops/healthcheck").handler(new HealthcheckHandler(op));
    }
}
