package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.Keyset;
import org.openuid.server.http.Json;
import org.openuid.server.manage.KeysetService;

import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/keysets}: keysets and their sharing allow-lists through {@link KeysetService} (docs/admin.md,
 * "Keysets"). {@code allowed_sites}: an array of site ids, {@code []} for nobody else, {@code null} for no list.
 */
final class KeysetRoutes {
    private KeysetRoutes() {}

    static void register(Router router, AdminContext ctx) {
        KeysetService keysets = new KeysetService(ctx.store(), ctx.keyLifetimeSeconds());
        route(router, HttpMethod.GET, "/admin/v1/keysets", r -> {
            KeysetService.Listing listing = keysets.listing(r.queryId("site_id"));
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("keysets");
            for (Keyset k : listing.keysets()) list.add(AdminViews.keyset(k, listing.keys(), ctx.nowSec()));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/keysets", r -> {
            r.allowOnly("site_id", "name", "allowed_sites", "default");
            int siteId = r.requiredInt("site_id");
            keysets.requireSite(siteId);
            List<Integer> allowed = r.isExplicitNull("allowed_sites") ? null
                    : r.has("allowed_sites") ? r.intList("allowed_sites") : List.of();
            Boolean makeDefault = r.optionalBoolean("default");
            KeysetService.Created c = keysets.create(siteId, r.optionalString("name"), allowed,
                    makeDefault != null && makeDefault, ctx.nowSec());
            ctx.refresh();
            ObjectNode out = view(ctx, keysets, c.keyset()).put("key_id", c.keyId());
            ObjectNode details = Json.mapper().createObjectNode().put("site_id", siteId);
            details.set("allowed_sites", out.get("allowed_sites"));
            details.put("default", c.keyset().isDefault()).put("key_id", c.keyId());
            ctx.audit().record(r.principal(), "keyset.create", "keyset", Integer.toString(c.keyset().keysetId()), details);
            return new AdminRoutes.Reply(201, out);
        });
        route(router, HttpMethod.GET, "/admin/v1/keysets/:keysetId",
                r -> view(ctx, keysets, keysets.existing(r.pathInt("keysetId", "keyset"))));
        route(router, HttpMethod.PATCH, "/admin/v1/keysets/:keysetId", r -> {
            Keyset k = keysets.existing(r.pathInt("keysetId", "keyset"));
            r.allowOnly("allowed_sites", "add_allowed_sites", "remove_allowed_sites", "enabled", "default");
            if (r.body().isEmpty())
                throw AdminException.badRequest("nothing to change: send allowed_sites, add_allowed_sites, remove_allowed_sites, enabled or default");
            boolean clear = r.isExplicitNull("allowed_sites");
            Keyset updated = keysets.update(k.keysetId(), new KeysetService.Update(r.intList("allowed_sites"), clear,
                    r.intList("add_allowed_sites"), r.intList("remove_allowed_sites"), r.optionalBoolean("enabled"),
                    r.optionalBoolean("default")));
            ctx.refresh();
            ObjectNode out = view(ctx, keysets, updated);
            ObjectNode details = Json.mapper().createObjectNode().put("site_id", updated.siteId());
            details.set("allowed_sites", out.get("allowed_sites"));
            details.put("enabled", updated.enabled()).put("default", updated.isDefault());
            ctx.audit().record(r.principal(), "keyset.update", "keyset", Integer.toString(updated.keysetId()), details);
            return out;
        });
    }

    private static ObjectNode view(AdminContext ctx, KeysetService keysets, Keyset k) {
        return AdminViews.keyset(k, keysets.keys(), ctx.nowSec());
    }
}
