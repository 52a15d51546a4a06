package org.openuid.core.service;

import org.openuid.core.model.Role;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Services and their links, by (service id, link id) (spec keys-and-data.md §9). Immutable. */
public final class ServiceLinks {
    public static final ServiceLinks NONE = new ServiceLinks(List.of(), List.of());

    private final Map<Integer, Service> services = new HashMap<>();
    private final Map<Integer, Map<String, ServiceLink>> links = new HashMap<>();

    public ServiceLinks(Collection<Service> services, Collection<ServiceLink> links) {
        for (Service s : services) this.services.put(s.serviceId(), s);
        for (ServiceLink l : links) this.links.computeIfAbsent(l.serviceId(), x -> new HashMap<>()).put(l.linkId(), l);
    }

    public Service service(int serviceId) {
        return services.get(serviceId);
    }

    public ServiceLink link(int serviceId, String linkId) {
        Map<String, ServiceLink> ofService = links.get(serviceId);
        return ofService == null ? null : ofService.get(linkId);
    }

    /** Whether the link exists for the service, is enabled and holds {@code role}. */
    public boolean allows(int serviceId, String linkId, Role role) {
        ServiceLink l = link(serviceId, linkId);
        return l != null && !l.disabled() && l.roles().contains(role);
    }
}
