package org.openuid.server.manage;

import org.openuid.core.model.Role;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
import org.openuid.store.Store;

import java.util.List;
import java.util.Set;

/**
 * Services and service links (spec keys-and-data.md §9): a service acts for other sites through links; with
 * {@code validate_service_links} a service's client key that names a {@code link_id} on {@code /v2/identity/map} needs an
 * enabled link with role MAPPER. Links are never deleted, only disabled.
 */
public final class ServiceLinkService {
    /** Link ids are free text upstream; kept to printable ASCII without spaces or slashes so they work in URLs. */
    private static final String LINK_ID = "[A-Za-z0-9._~:@!$&'()*+,;=-]{1,128}";

    private final Store store;

    public ServiceLinkService(Store store) { this.store = store; }

    public List<Service> services() {
        return store.loadAll().services();
    }

    public List<ServiceLink> links() {
        return store.loadAll().serviceLinks();
    }

    /** Creates a service of an existing site with the next free service id (at least 1). */
    public Service create(int siteId, String name, Set<Role> roles) {
        requireSite(siteId);
        int id = 1;
        for (Service s : services()) id = Math.max(id, s.serviceId() + 1);
        Service s = new Service(id, siteId, name == null ? "" : name, roles);
        store.upsertService(s);
        return s;
    }

    /** Creates a link of an existing service to an existing site. */
    public ServiceLink createLink(int serviceId, String linkId, int siteId, String name, Set<Role> roles) {
        if (services().stream().noneMatch(s -> s.serviceId() == serviceId))
            throw new IllegalArgumentException("service " + serviceId + " does not exist");
        if (linkId == null || !linkId.matches(LINK_ID))
            throw new IllegalArgumentException("link_id must be 1 to 128 URL-safe characters (letters, digits, . _ ~ - and the like)");
        requireSite(siteId);
        if (link(serviceId, linkId) != null)
            throw ServiceException.conflict("service " + serviceId + " already has a link '" + linkId + "'");
        ServiceLink l = new ServiceLink(linkId, serviceId, siteId, name == null ? "" : name, roles, false);
        store.upsertServiceLink(l);
        return l;
    }

    public ServiceLink setDisabled(int serviceId, String linkId, boolean disabled) {
        ServiceLink l = link(serviceId, linkId);
        if (l == null) throw ServiceException.notFound("no link '" + linkId + "' of service " + serviceId);
        ServiceLink updated = new ServiceLink(l.linkId(), l.serviceId(), l.siteId(), l.name(), l.roles(), disabled);
        store.upsertServiceLink(updated);
        return updated;
    }

    /** The links of one service, or all when {@code serviceId} is null. */
    public List<ServiceLink> links(Integer serviceId) {
        return links().stream().filter(l -> serviceId == null || l.serviceId() == serviceId).toList();
    }

    public ServiceLink link(int serviceId, String linkId) {
        return links().stream().filter(l -> l.serviceId() == serviceId && l.linkId().equals(linkId)).findFirst().orElse(null);
    }

    private void requireSite(int siteId) {
        if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
    }
}
