package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Operator;
import org.openuid.server.http.Responses;

/**
 * GET /v1/token/validate?token=...&email=... (spec endpoints.md §15): no authentication; true only for the test
 * identities validate@example.com / +12345678901 and a token holding their current raw UID.
 */
public final class V1TokenValidateHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1TokenValidateHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        DiiInput.Result input = V1Request.dii(ctx, op);
        if (!input.ok()) {
            Responses.clientError(ctx, input.error());
            return;
        }
        String token = V1Request.param(ctx, "token");
        boolean valid = token != null && op.tokens().validateTestIdentity(op.state().snapshot(), token, input.identity());
        V1Request.success(ctx, Boolean.toString(valid));
    }
}
