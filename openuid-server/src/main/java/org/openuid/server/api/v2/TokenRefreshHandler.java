package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.service.RefreshOutcome;
import org.openuid.core.service.Snapshot;
import org.openuid.core.token.RefreshWrapper;
import org.openuid.server.http.Operator;
import org.openuid.server.metrics.OperatorMetrics;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;

import java.nio.charset.StandardCharsets;

/**
 * POST /v2/token/refresh (spec endpoints.md §5, encryption.md §3). No envelope: the body is the refresh token.
 * An API key is optional and only changes how failures are reported. Surrounding whitespace is ignored.
 */
public final class TokenRefreshHandler implements Handler<RoutingContext> {
    private final Operator op;

    public TokenRefreshHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        Snapshot snapshot = op.state().snapshot();
        String body = new String(Responses.body(ctx), StandardCharsets.ISO_8859_1).strip();
        if (body.isEmpty()) {
            Responses.clientError(ctx, "Required Parameter Missing: refresh_token");
            return;
        }
        boolean authenticated = snapshot.authenticator()
                .fromAuthorizationHeader(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)).isPresent();
        RefreshOutcome outcome = op.tokens().refresh(snapshot, op.state().optOuts(), body, op.now());
        if (outcome instanceof RefreshOutcome.WrapperError e) {
            Responses.clientError(ctx, e.message());
        } else if (outcome instanceof RefreshOutcome.Invalid) {
            failure(ctx, authenticated, "invalid_token", "Invalid Token presented");
        } else if (outcome instanceof RefreshOutcome.Expired) {
            failure(ctx, authenticated, "expired_token", "Expired Token presented");
        } else if (outcome instanceof RefreshOutcome.OptedOut o) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_OPTOUT, -1);
            respond(ctx, o.responseKey(), "{\"status\":\"optout\"}");
        } else if (outcome instanceof RefreshOutcome.Success s) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_REFRESHED, s.siteId());
            respond(ctx, s.responseKey(), "{\"body\":" + s.tokens().toJson() + ",\"status\":\"success\"}");
        } else {
            RequestLog.internalError(ctx, "No active encryption key available", null);
        }
    }

    private static void failure(RoutingContext ctx, boolean authenticated, String status, String message) {
        if (authenticated) Responses.error(ctx, 400, status, message);
        else Responses.error(ctx, 400, "error", "Error refreshing token");
    }

    private void respond(RoutingContext ctx, byte[] responseKey, String json) {
        if (responseKey == null) {
            Responses.json(ctx, 200, json);
            return;
        }
        byte[] blob = RefreshWrapper.encryptResponse(responseKey, json.getBytes(StandardCharsets.UTF_8), op.random());
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        Responses.encrypted(ctx, blob, contentType != null && contentType.trim().equalsIgnoreCase(Responses.OCTET_STREAM));
    }
}
