package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.server.http.Json;
import org.openuid.server.manage.KeypairService;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/keypairs}: client-side (CSTG) keypairs through {@link KeypairService} (docs/admin.md, "CSTG
 * keypairs"). Answers carry the subscription id and public key; the private key never leaves the store.
 */
final class KeypairRoutes {
    private KeypairRoutes() {}

    static void register(Router router, AdminContext ctx) {
        KeypairService keypairs = new KeypairService(ctx.store());
        route(router, HttpMethod.GET, "/admin/v1/keypairs", r -> {
            Integer site = r.queryId("site_id");
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("keypairs");
            for (ClientSideKeypair kp : keypairs.list(site)) list.add(AdminViews.keypair(kp));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/keypairs", r -> {
            r.allowOnly("site_id", "name", "contact");
            int siteId = r.requiredInt("site_id");
            ClientSideKeypair kp = keypairs.create(siteId, r.optionalString("name"), r.optionalString("contact"), ctx.nowSec());
            ctx.refresh();
            ctx.audit().record(r.principal(), "keypair.create", "keypair", kp.subscriptionId(),
                    Json.mapper().createObjectNode().put("site_id", siteId).put("name", kp.name()));
            return new AdminRoutes.Reply(201, AdminViews.keypair(kp));
        });
        route(router, HttpMethod.POST, "/admin/v1/keypairs/:subscriptionId/disable", r -> setDisabled(ctx, keypairs, r, true));
        route(router, HttpMethod.POST, "/admin/v1/keypairs/:subscriptionId/enable", r -> setDisabled(ctx, keypairs, r, false));
    }

    private static ObjectNode setDisabled(AdminContext ctx, KeypairService keypairs, AdminRequest r, boolean disabled) {
        String id = r.path("subscriptionId");
        ClientSideKeypair kp = keypairs.setDisabled(id, disabled);
        ctx.refresh();
        ctx.audit().record(r.principal(), disabled ? "keypair.disable" : "keypair.enable", "keypair", id,
                Json.mapper().createObjectNode().put("site_id", kp.siteId()));
        return AdminViews.keypair(kp);
    }
}
