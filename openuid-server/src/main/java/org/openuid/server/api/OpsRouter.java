package org.openuid.server.api;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import org.openuid.server.api.ops.HealthcheckHandler;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

/**
 * The ops listener (separate port, {@code ops_port}): Prometheus metrics, health, liveness and readiness. It
 * carries no API keys and no personal data.
 */
public final class OpsRouter {
    private OpsRouter() {}

    public static Router create(Vertx vertx, Operator op) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .end(op.metrics().scrape()));
        HealthcheckHandler health = new HealthcheckHandler(op);
        router.get("/ops/healthcheck").handler(health);
        router.get("/ops/ready").handler(health);
        router.get("/ops/live").handler(ctx -> Responses.text(ctx, 200, "OK"));
        return router;
    }
}
