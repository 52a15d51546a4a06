package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import org.openuid.core.model.Role;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
import org.openuid.server.http.Json;
import org.openuid.server.manage.ClientService;
import org.openuid.server.manage.ServiceLinkService;

import java.util.Set;
import java.util.TreeSet;

import static org.openuid.server.admin.AdminRoutes.route;

/**
 * {@code /admin/v1/services} and {@code /admin/v1/service-links}: services and their links through
 * {@link ServiceLinkService} (docs/admin.md, "Services and service links").
 */
final class ServiceRoutes {
    private ServiceRoutes() {}

    static void register(Router router, AdminContext ctx) {
        ServiceLinkService services = new ServiceLinkService(ctx.store());
        route(router, HttpMethod.GET, "/admin/v1/services", r -> {
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("services");
            for (Service s : services.services()) list.add(view(s));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/services", r -> {
            r.allowOnly("site_id", "name", "roles");
            Service s = services.create(r.requiredInt("site_id"), r.optionalString("name"),
                    ClientService.parseRoles(r.stringList("roles")));
            ctx.refresh();
            ctx.audit().record(r.principal(), "service.create", "service", String.valueOf(s.serviceId()), view(s));
            return new AdminRoutes.Reply(201, view(s));
        });
        route(router, HttpMethod.GET, "/admin/v1/service-links", r -> {
            Integer service = r.queryId("service_id");
            ObjectNode out = Json.mapper().createObjectNode();
            ArrayNode list = out.putArray("service_links");
            for (ServiceLink l : services.links(service)) list.add(view(l));
            return out;
        });
        route(router, HttpMethod.POST, "/admin/v1/service-links", r -> {
            r.allowOnly("service_id", "link_id", "site_id", "name", "roles");
            ServiceLink l = services.createLink(r.requiredInt("service_id"), r.requiredString("link_id"), r.requiredInt("site_id"),
                    r.optionalString("name"), ClientService.parseRoles(r.stringList("roles")));
            ctx.refresh();
            ctx.audit().record(r.principal(), "service_link.create", "service_link", l.serviceId() + "/" + l.linkId(), view(l));
            return new AdminRoutes.Reply(201, view(l));
        });
        route(router, HttpMethod.POST, "/admin/v1/service-links/:serviceId/:linkId/disable", r -> setDisabled(ctx, services, r, true));
        route(router, HttpMethod.POST, "/admin/v1/service-links/:serviceId/:linkId/enable", r -> setDisabled(ctx, services, r, false));
    }

    private static ObjectNode setDisabled(AdminContext ctx, ServiceLinkService services, AdminRequest r, boolean disabled) {
        int serviceId = r.pathInt("serviceId", "service id");
        String linkId = r.path("linkId");
        ServiceLink l = services.setDisabled(serviceId, linkId, disabled);
        ctx.refresh();
        ctx.audit().record(r.principal(), disabled ? "service_link.disable" : "service_link.enable", "service_link",
                serviceId + "/" + linkId, Json.mapper().createObjectNode().put("site_id", l.siteId()));
        return view(l);
    }

    static ObjectNode view(Service s) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("service_id", s.serviceId());
        n.put("site_id", s.siteId());
        n.put("name", s.name());
        roles(n, s.roles());
        return n;
    }

    static ObjectNode view(ServiceLink l) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("service_id", l.serviceId());
        n.put("link_id", l.linkId());
        n.put("site_id", l.siteId());
        n.put("name", l.name());
        roles(n, l.roles());
        n.put("disabled", l.disabled());
        return n;
    }

    private static void roles(ObjectNode n, Set<Role> roles) {
        ArrayNode a = n.putArray("roles");
        for (String r : new TreeSet<>(roles.stream().map(Role::name).toList())) a.add(r);
    }
}
