package org.openuid.server.admin;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.openuid.server.manage.AdminPrincipal;
import org.openuid.store.AdminToken;
import org.openuid.store.AdminTokens;
import org.openuid.store.Store;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Admin API authentication: {@code Authorization: Bearer <admin token>}, checked against the hashed tokens in the
 * store (constant-time, see {@link AdminTokens#verify}). Tokens are read from the store on every request, so a token
 * reset from the command line takes effect at once. A missing or wrong token answers 401.
 *
 * <p>The node's local operator credential ({@link org.openuid.server.RunningNode}, readable only by the operator's
 * user on the node's host) authenticates {@code POST }{@value AdminTokenRoutes#RESET} from the node's host (loopback,
 * or the listener's own address) as {@link AdminPrincipal#LOCAL}, and answers 403 anywhere else.
 */
final class AdminAuth implements Handler<RoutingContext> {
    static final String PRINCIPAL_KEY = "openuid.admin.principal";
    private final Store store;
    private final byte[] localToken;

    /** {@code localToken} null: no local operator credential. */
    AdminAuth(Store store, String localToken) {
        this.store = store;
        this.localToken = localToken == null ? null : localToken.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the request comes from this host: over loopback, or from the listener's own address. */
    private static boolean fromThisHost(RoutingContext ctx) {
        SocketAddress remote = ctx.request().connection().remoteAddress();
        SocketAddress local = ctx.request().connection().localAddress();
        if (remote == null || remote.host() == null) return false;
        try {
            return InetAddress.getByName(remote.host()).isLoopbackAddress()
                    || (local != null && remote.host().equals(local.host()));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (token == null || token.isEmpty()) {
            AdminRoutes.unauthorized(ctx, "missing admin token: send Authorization: Bearer <admin token>");
            return;
        }
        if (localToken != null && MessageDigest.isEqual(localToken, token.getBytes(StandardCharsets.UTF_8))) {
            if (ctx.request().method() == HttpMethod.POST && AdminTokenRoutes.RESET.equals(ctx.request().path())
                    && fromThisHost(ctx)) {
                ctx.put(PRINCIPAL_KEY, AdminPrincipal.LOCAL);
                ctx.next();
            } else {
                AdminRoutes.error(ctx, 403, "the local operator credential only resets the admin token, from the node's host");
            }
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
