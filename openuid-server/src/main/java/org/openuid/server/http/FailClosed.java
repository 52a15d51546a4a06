package org.openuid.server.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.state.NodeHealth;

import java.util.Set;

/**
 * Refuses the token endpoints while the node fails closed (docs/deployment.md, "Store outages"): when the keys
 * it holds expired (no active master or refresh key) or its salts expired, token generation, refresh and validation
 * answer 503 {@code {"status":"unknown","message":"Service unavailable: <reason>"}} instead of issuing tokens from
 * data it can no longer vouch for; identity mapping, which needs only salts, is refused only when the salts expired.
 * A node that merely cannot reach the store (degraded) keeps serving from its last snapshot.
 */
public final class FailClosed implements Handler<RoutingContext> {

    /** Paths that need active keys and current salts. */
    static final Set<String> TOKEN_PATHS = Set.of("/v2/token/generate", "/v2/token/refresh", "/v2/token/validate",
            "/v2/token/client-generate", "/v1/token/generate", "/v1/token/refresh", "/v1/token/validate");
    /** Paths that need current salts only. */
    static final Set<String> SALT_PATHS = Set.of("/v2/identity/map", "/v3/identity/map", "/v2/identity/buckets",
            "/v1/identity/map", "/v1/identity/buckets");

    private final Operator op;

    public FailClosed(Operator op) { this.op = op; }

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String path = ctx.request().path();
        boolean token = TOKEN_PATHS.contains(path);
        if (!token && !SALT_PATHS.contains(path)) {
            ctx.next();
            return;
        }
        NodeHealth h = op.state().health();
        if (refuses(h, token)) {
            Responses.serviceUnavailable(ctx, h.reason());
            return;
        }
        ctx.next();
    }

    /**
     * Whether a node in health {@code h} refuses a token path ({@code token} true) or a salt-only path (also used for
     * the routes served without the router, {@link DirectRoutes}).
     */
    static boolean refuses(NodeHealth h, boolean token) {
        return h.unavailable() && (!h.saltsUsable() || (token && !h.keysUsable()));
    }
}
