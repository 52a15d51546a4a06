package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.server.http.Json;
import org.openuid.server.manage.AdminPrincipal;
import org.openuid.server.manage.AdminTokenService;
import org.openuid.store.NewAdminToken;

/**
 * {@code POST /admin/v1/admin-token/reset} {@code {"name": ...}}: what {@code openuid admin token reset} does on the
 * store ({@link AdminTokenService#reset}), through the running node that holds an embedded store. Only the node's local operator credential may call it
 * (see {@link AdminAuth}); it answers the new token once.
 */
final class AdminTokenRoutes {
    static final String RESET = "/admin/v1/admin-token/reset";

    private AdminTokenRoutes() {}

    static void register(Router router, AdminContext ctx) {
        AdminRoutes.route(router, HttpMethod.POST, RESET, r -> {
            if (!AdminPrincipal.LOCAL.equals(r.principal()))
                throw new AdminException(403, "only the command line on the operator host resets the admin token (openuid admin token reset)");
            String name = r.body().hasNonNull("name") ? r.body().get("name").asText() : null;
            NewAdminToken created = new AdminTokenService(ctx.store()).reset(name, ctx.nowMs());
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("token_id", created.record().tokenId());
            out.put("token", created.token());
            return out;
        });
    }
}
