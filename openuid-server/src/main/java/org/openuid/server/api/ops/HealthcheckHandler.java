package org.openuid.server.api.ops;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;
import org.openuid.server.state.NodeHealth;

/**
 * GET /ops/healthcheck (spec endpoints.md §14; docs/deployment.md, "Store outages"): 200 {@code OK} while the node
 * serves current data; 200 {@code DEGRADED: <reason>} while it serves from its last snapshot because the store
 * cannot be read; 503 {@code unhealthy: <reason>} when it fails closed (keys or salts expired); 503
 * {@code not ready: the node is shutting down} from the moment a stopping node begins draining, so that load balancers
 * take it out of rotation while it still serves. The header {@value #HEADER} carries {@code ok}, {@code degraded},
 * {@code unavailable} or {@code draining}.
 */
public final class HealthcheckHandler implements Handler<RoutingContext> {
    public static final String HEADER = "X-OpenUID-Health";

    private final Operator op;

    public HealthcheckHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        if (op.state().draining()) {
            ctx.response().putHeader(HEADER, "draining");
            Responses.text(ctx, 503, "not ready: the node is shutting down");
            return;
        }
        NodeHealth h = op.state().health();
        ctx.response().putHeader(HEADER, h.status().name().toLowerCase(java.util.Locale.ROOT));
        switch (h.status()) {
            case OK -> Responses.text(ctx, 200, "OK");
            case DEGRADED -> Responses.text(ctx, 200, "DEGRADED: " + h.reason());
            case UNAVAILABLE -> Responses.text(ctx, 503, "unhealthy: " + h.reason());
        }
    }
}
