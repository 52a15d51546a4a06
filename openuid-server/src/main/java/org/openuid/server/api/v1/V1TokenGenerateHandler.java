package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.core.service.GenerateOutcome;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.http.DiiInput;
import org.openuid.server.http.Operator;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;

import java.util.Set;

/**
 * GET /v1/token/generate (spec endpoints.md §15): plain JSON, a bare 168-character refresh token and no response
 * key; like the legacy operator it does not check opt-outs (the refresh of an opted-out user answers optout).
 */
public final class V1TokenGenerateHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1TokenGenerateHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot s = op.state().snapshot();
        ClientKey client = V1Request.authenticate(ctx, s, Set.of(Role.GENERATOR), V1Request.Unauthorized.JSON);
        if (client == null) return;
        DiiInput.Result input = V1Request.dii(ctx, op);
        if (!input.ok()) {
            Responses.clientError(ctx, input.error());
            return;
        }
        long now = op.now();
        GenerateOutcome g = op.tokens().issue(s, TokenService.firstLevelHash(s, input.identity()), input.identity().type(),
                client.siteId(), TokenService.PRIVACY_BITS_SERVER, now, now, false);
        if (g instanceof GenerateOutcome.Success ok) V1Request.success(ctx, ok.tokens().toJson());
        else RequestLog.internalError(ctx, "No active encryption key available", null);
    }
}
