package org.openuid.server.api.v1;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.service.RefreshOutcome;
import org.openuid.core.service.Snapshot;
import org.openuid.server.http.Json;
import org.openuid.server.http.Operator;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;

/**
 * GET /v1/token/refresh?refresh_token=... (spec endpoints.md §15): the v2 refresh logic with plain JSON answers
 * and a bare refresh token in the result. A 388-character wrapped token is unwrapped first.
 */
public final class V1TokenRefreshHandler implements Handler<RoutingContext> {
    private final Operator op;

    public V1TokenRefreshHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        String token = V1Request.param(ctx, "refresh_token");
        if (token == null || token.isEmpty()) {
            Responses.clientError(ctx, "Required Parameter Missing: refresh_token");
            return;
        }
        Snapshot s = op.state().snapshot();
        boolean authenticated = s.authenticator().fromAuthorizationHeader(ctx.request().getHeader("Authorization")).isPresent();
        RefreshOutcome outcome = op.tokens().refresh(s, op.state().optOuts(), token, op.now(), false);
        if (outcome instanceof RefreshOutcome.WrapperError e) {
            Responses.clientError(ctx, e.message());
        } else if (outcome instanceof RefreshOutcome.Invalid) {
            if (authenticated) Responses.json(ctx, 400, "{\"status\":\"invalid_token\",\"message\":" + Json.quote("Invalid Token presented " + token) + "}");
            else Responses.error(ctx, 400, "error", "Error refreshing token");
        } else if (outcome instanceof RefreshOutcome.Expired) {
            if (authenticated) Responses.error(ctx, 400, "expired_token", "Expired Token presented");
            else Responses.error(ctx, 400, "error", "Error refreshing token");
        } else if (outcome instanceof RefreshOutcome.OptedOut) {
            Responses.json(ctx, 200, "{\"status\":\"optout\"}");
        } else if (outcome instanceof RefreshOutcome.Success ok) {
            V1Request.success(ctx, ok.tokens().toJson());
        } else {
            RequestLog.internalError(ctx, "No active encryption key available", null);
        }
    }
}
