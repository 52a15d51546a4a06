package org.openuid.server.api.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

/**
 * GET /ops/healthcheck (spec endpoints.md §14): 200 "OK" while the node can issue tokens (active master and
 * refresh keys, salts loaded); otherwise 503 with the reason.
 */
public final class HealthcheckHandler implements Handler<RoutingContext> {
    private final Operator op;

    public HealthcheckHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        long nowSec = op.now() / 1000;
        if (s == null) {
            Responses.text(ctx, 503, "not ready: no data loaded");
        } else if (s.masterKey(nowSec) == null) {
            Responses.text(ctx, 503, "unhealthy: no active master key");
        } else if (s.refreshKey(nowSec) == null) {
            Responses.text(ctx, 503, "unhealthy: no active refresh key");
        } else if (s.salts().size() == 0) {
            Responses.text(ctx, 503, "unhealthy: no salt buckets");
        } else {
            Responses.text(ctx, 200, "OK");
        }
    }
}
