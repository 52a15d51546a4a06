package org.openuid.core.model;

import java.util.Set;

/** A service (spec keys-and-data.md §9): a participant that acts for others through links. */
public record Service(int serviceId, int siteId, String name, Set<Role> roles) {
    public Service {
        roles = Set.copyOf(roles);
    }
}
