package org.openuid.core.model;

import java.util.List;

/** A participant. {@code domainNames} and {@code appNames} gate client-side token generation and are published to DSPs. */
public record Site(int id, String name, boolean enabled, List<String> domainNames, List<String> appNames, long created) {
    public Site {
        domainNames = domainNames == null ? List.of() : List.copyOf(domainNames);
        appNames = appNames == null ? List.of() : List.copyOf(appNames);
    }
}
