package org.openuid.server.api.v2;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.openuid.core.service.IdentityTokens;
import org.openuid.core.service.RefreshOutcome;
import org.openuid.core.service.Snapshot;
import org.openuid.core.token.RefreshWrapper;
import org.openuid.server.http.Exchange;
import org.openuid.server.http.JsonBytes;
import org.openuid.server.http.Operator;
import org.openuid.server.metrics.OperatorMetrics;
import org.openuid.server.http.RequestLog;
import org.openuid.server.http.Responses;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * POST /v2/token/refresh (spec endpoints.md §5, encryption.md §3). No envelope: the body is the refresh token.
 * An API key is optional and only changes how failures are reported. Surrounding whitespace is ignored.
 */
public final class TokenRefreshHandler implements Handler<RoutingContext>, Consumer<Exchange> {
    private final Operator op;

    public TokenRefreshHandler(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        accept(Exchange.of(ctx));
    }

    /** Serves one request, routed or direct ({@link org.openuid.server.http.DirectRoutes}). */
    @Override
    public void accept(Exchange x) {
        HttpServerResponse response = x.response();
        Snapshot snapshot = op.state().snapshot();
        String body = new String(x.body(), StandardCharsets.ISO_8859_1).strip();
        if (body.isEmpty()) {
            Responses.clientError(response, "Required Parameter Missing: refresh_token");
            return;
        }
        boolean authenticated = snapshot.authenticator()
                .fromAuthorizationHeader(x.request().getHeader(HttpHeaders.AUTHORIZATION)).isPresent();
        RefreshOutcome outcome = op.tokens().refresh(snapshot, op.state().optOuts(), body, op.now());
        if (outcome instanceof RefreshOutcome.WrapperError e) {
            Responses.clientError(response, e.message());
        } else if (outcome instanceof RefreshOutcome.Invalid) {
            failure(response, authenticated, "invalid_token", "Invalid Token presented");
        } else if (outcome instanceof RefreshOutcome.Expired) {
            failure(response, authenticated, "expired_token", "Expired Token presented");
        } else if (outcome instanceof RefreshOutcome.OptedOut o) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_OPTOUT, -1);
            respond(x, o.responseKey(), "{\"status\":\"optout\"}");
        } else if (outcome instanceof RefreshOutcome.Success s) {
            op.metrics().count(OperatorMetrics.Event.TOKEN_REFRESHED, s.siteId());
            success(x, s.responseKey(), s.tokens());
        } else {
            RequestLog.internalError(x, "No active encryption key available", null);
        }
    }

    private static void failure(HttpServerResponse response, boolean authenticated, String status, String message) {
        if (authenticated) Responses.error(response, 400, status, message);
        else Responses.error(response, 400, "error", "Error refreshing token");
    }

    /** The success answer, built as bytes and encrypted where it is ({@link TokenJson}). */
    private void success(Exchange x, byte[] responseKey, IdentityTokens tokens) {
        if (responseKey == null) {
            respond(x, null, "{\"body\":" + tokens.toJson() + ",\"status\":\"success\"}");
            return;
        }
        JsonBytes out = new JsonBytes(RefreshWrapper.RESPONSE_HEADROOM, TokenJson.EXPECTED + 32 + RefreshWrapper.RESPONSE_TAILROOM);
        out.ascii("{\"body\":");
        TokenJson.write(out, tokens);
        out.ascii(",\"status\":\"success\"}");
        out.ensure(RefreshWrapper.RESPONSE_TAILROOM);
        int n = RefreshWrapper.encryptResponseInPlace(responseKey, out.array(), out.length(), op.random());
        Responses.encrypted(x.response(), out.array(), n, octetStream(x));
    }

    private static boolean octetStream(Exchange x) {
        String contentType = x.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return contentType != null && contentType.trim().equalsIgnoreCase(Responses.OCTET_STREAM);
    }

    private void respond(Exchange x, byte[] responseKey, String json) {
        if (responseKey == null) {
            Responses.json(x.response(), 200, json);
            return;
        }
        byte[] blob = RefreshWrapper.encryptResponse(responseKey, json.getBytes(StandardCharsets.UTF_8), op.random());
        Responses.encrypted(x.response(), blob, blob.length, octetStream(x));
    }
}
