package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.server.http.Json;
import org.openuid.server.manage.TokenInspector;

import java.util.Locale;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code POST /admin/v1/inspect}: the token inspector (docs/admin.md, "Token inspector"). Every admin token may ask
 * for the raw UID or first-level hash ({@code "reveal": true}); such requests are written to the audit log (without
 * the token).
 */
final class InspectorRoutes {
    private InspectorRoutes() {}

    static void register(Router router, AdminContext ctx) {
        route(router, HttpMethod.POST, "/admin/v1/inspect", r -> {
            r.allowOnly("token", "type", "reveal");
            TokenInspector.Kind kind = TokenInspector.parseKind(r.optionalString("type"));
            Boolean reveal = r.optionalBoolean("reveal");
            boolean show = reveal != null && reveal;
            ObjectNode out = TokenInspector.inspect(r.requiredString("token"), kind, show, ctx.op().state().snapshot(),
                    ctx.op().state().optOuts(), ctx.nowMs());
            if (show) {
                ctx.audit().record(r.principal(), "token.reveal", out.get("kind").asText(), "",
                        Json.mapper().createObjectNode().put("kind", out.get("kind").asText())
                                .put("site_id", out.get("site_id").asInt())
                                .put("revealed", out.get("kind").asText().toLowerCase(Locale.ROOT).equals("refresh")
                                        ? "first_level_hash" : "raw_uid"));
            }
            return out;
        });
    }
}
