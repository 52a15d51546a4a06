package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.Site;
import org.openuid.server.http.Json;
import org.openuid.server.manage.SiteService;

import java.util.List;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/sites}: list, create, read, update through {@link SiteService} (docs/admin.md, "Sites"). Answers to requests with
 * {@code domain_names} list the domains stored in another form than given ({@code domain_name_changes}).
 */
final class SiteRoutes {
    private SiteRoutes() {}

    static void register(Router router, AdminContext ctx) {
        SiteService sites = new SiteService(ctx.store(), ctx.keyLifetimeSeconds());
        route(router, HttpMethod.GET, "/admin/v1/sites", r -> {
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("sites");
            for (Site s : sites.list()) list.add(AdminViews.site(s));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/sites", r -> {
            r.allowOnly("name", "domain_names", "app_names");
            SiteService.Created c = sites.create(r.requiredString("name"), r.stringList("domain_names"),
                    r.stringList("app_names"), ctx.nowSec());
            ctx.refresh();
            ObjectNode out = AdminViews.site(c.site()).put("default_keyset_id", c.defaultKeysetId());
            domainNameChanges(out, r.stringList("domain_names"));
            ObjectNode details = Json.mapper().createObjectNode().put("name", c.site().name());
            details.set("domain_names", out.get("domain_names"));
            details.set("app_names", out.get("app_names"));
            details.put("default_keyset_id", c.defaultKeysetId());
            ctx.audit().record(r.principal(), "site.create", "site", Integer.toString(c.site().id()), details);
            return new AdminRoutes.Reply(201, out);
        });
        route(router, HttpMethod.GET, "/admin/v1/sites/:siteId", r -> {
            int id = r.pathInt("siteId", "site");
            return AdminViews.site(sites.existing(id));
        });
        route(router, HttpMethod.PATCH, "/admin/v1/sites/:siteId", r -> {
            int id = r.pathInt("siteId", "site");
            r.allowOnly("name", "domain_names", "app_names", "enabled");
            if (r.body().isEmpty()) throw AdminException.badRequest("nothing to change: send name, domain_names, app_names or enabled");
            if (r.has("name") && r.optionalString("name") == null) throw AdminException.badRequest("name must be a string");
            Site updated = sites.update(id, new SiteService.Update(r.optionalString("name"), r.stringList("domain_names"),
                    r.stringList("app_names"), r.optionalBoolean("enabled")));
            ctx.refresh();
            ObjectNode out = AdminViews.site(updated);
            ObjectNode changed = Json.mapper().createObjectNode();
            r.body().fieldNames().forEachRemaining(f -> changed.set(f, out.get(f)));
            ctx.audit().record(r.principal(), "site.update", "site", Integer.toString(id), changed);
            domainNameChanges(out, r.stringList("domain_names"));
            return out;
        });
    }

    /**
     * {@code domain_name_changes}: each given domain that is stored in another form (its registrable domain, e.g.
     * {@code www.example-news.co.uk} as {@code example-news.co.uk}), so the caller is not surprised; absent when no
     * domains were sent. The domains were validated by the update, so normalising them again cannot fail.
     */
    static void domainNameChanges(ObjectNode out, List<String> given) {
        if (given == null) return;
        List<String> stored = SiteService.normalizeDomains(given);
        ArrayNode changes = out.putArray("domain_name_changes");
        for (int i = 0; i < given.size(); i++) {
            if (!given.get(i).equals(stored.get(i))) changes.addObject().put("given", given.get(i)).put("stored", stored.get(i));
        }
    }
}
