package org.openuid.server.admin;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.openuid.store.AdminToken;
import org.openuid.store.AdminTokens;
import org.openuid.store.Store;

import java.util.Optional;

/**
 * Admin API authentication: {@code Authorization: Bearer <admin token>}, checked against the hashed tokens in the
 * store (constant-time, see {@link AdminTokens#verify}). Tokens are read from the store on every request, so a token
 * reset from the command line takes effect at once. A missing or wrong token answers 401.
 */
final class AdminAuth implements Handler<RoutingContext> {
    static final String PRINCIPAL_KEY = "openuid.admin.principal";
    private final Store store;

    AdminAuth(Store store) { this.store = store; }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (token == null || token.isEmpty()) {
            AdminRoutes.unauthorized(ctx, "missing admin token: send Authorization: Bearer <admin token>");
            return;
        }
        ctx.vertx().<Optional<AdminToken>>executeBlocking(() -> AdminTokens.verify(store.adminTokens(), token), false)
                .onComplete(ar -> {
                    if (ar.failed()) {
                        ctx.fail(ar.cause());
                    } else if (ar.result().isEmpty()) {
                        AdminRoutes.unauthorized(ctx, "invalid admin token");
                    } else {
                        AdminToken t = ar.result().get();
                        ctx.put(PRINCIPAL_KEY, new AdminPrincipal(t.tokenId(), t.name()));
                        ctx.next();
                    }
                });
    }
}
