package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.ClientKey;
import org.openuid.server.http.Json;
import org.openuid.server.manage.ClientService;
import org.openuid.store.NewClientKey;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/clients}: API client keys through {@link ClientService} (docs/admin.md, "Client keys"). The key and secret appear only in the
 * answer to their creation, the new secret only in the answer to its rotation; the audit log never holds them.
 * Key ids may contain {@code +} and {@code /}: percent-encode them in the path.
 */
final class ClientRoutes {
    private ClientRoutes() {}

    static void register(Router router, AdminContext ctx) {
        ClientService clients = new ClientService(ctx.store());
        route(router, HttpMethod.GET, "/admin/v1/clients", r -> {
            Integer site = r.queryId("site_id");
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("clients");
            for (ClientKey c : clients.list(site)) list.add(AdminViews.client(c));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/clients", r -> {
            r.allowOnly("site_id", "name", "roles", "service_id");
            int siteId = r.requiredInt("site_id");
            String name = r.requiredString("name");
            Integer serviceId = r.optionalInt("service_id");
            NewClientKey created = clients.create(siteId, name, ClientService.parseRoles(r.stringList("roles")),
                    serviceId == null ? 0 : serviceId, ctx.nowSec());
            ctx.refresh();
            ObjectNode out = AdminViews.client(created.client());
            ObjectNode details = Json.mapper().createObjectNode().put("site_id", siteId).put("name", created.client().name());
            details.set("roles", out.get("roles"));
            if (created.client().serviceId() != 0) details.put("service_id", created.client().serviceId());
            ctx.audit().record(r.principal(), "client.create", "client", created.client().keyId(), details);
            out.put("key", created.apiKey());
            out.put("secret", created.secretBase64());
            return new AdminRoutes.Reply(201, out);
        });
        route(router, HttpMethod.GET, "/admin/v1/clients/:keyId", r -> {
            return AdminViews.client(clients.existing(r.path("keyId")));
        });
        route(router, HttpMethod.POST, "/admin/v1/clients/:keyId/disable", r -> setDisabled(ctx, clients, r, true));
        route(router, HttpMethod.POST, "/admin/v1/clients/:keyId/enable", r -> setDisabled(ctx, clients, r, false));
        route(router, HttpMethod.POST, "/admin/v1/clients/:keyId/rotate-secret", r -> {
            ClientService.RotatedSecret rotated = clients.rotateSecret(r.path("keyId"));
            ctx.refresh();
            ctx.audit().record(r.principal(), "client.rotate_secret", "client", rotated.client().keyId(),
                    Json.mapper().createObjectNode().put("site_id", rotated.client().siteId()));
            return AdminViews.client(rotated.client()).put("secret", rotated.secretBase64());
        });
    }

    private static ObjectNode setDisabled(AdminContext ctx, ClientService clients, AdminRequest r, boolean disabled) {
        ClientKey c = clients.setDisabled(r.path("keyId"), disabled);
        ctx.refresh();
        ctx.audit().record(r.principal(), disabled ? "client.disable" : "client.enable", "client", c.keyId(),
                Json.mapper().createObjectNode().put("site_id", c.siteId()));
        return AdminViews.client(c);
    }
}
