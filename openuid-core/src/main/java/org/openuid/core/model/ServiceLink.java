package org.openuid.core.model;

import java.util.Set;

/**
 * A link of a service to a site it acts for (spec keys-and-data.md §9). A client key of the service that names the
 * link ({@code link_id}) in an identity map request needs the link enabled and holding role MAPPER.
 */
public record ServiceLink(String linkId, int serviceId, int siteId, String name, Set<Role> roles, boolean disabled) {
    public ServiceLink {
        roles = Set.copyOf(roles);
    }
}
