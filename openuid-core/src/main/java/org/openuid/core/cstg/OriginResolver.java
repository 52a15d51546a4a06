package org.openuid.core.cstg;

/** Turns an HTTP {@code Origin} header into the registrable domain the CSTG origin check compares (endpoints.md §4.1 6b). */
@FunctionalInterface
public interface OriginResolver {
    /** @return the registrable domain, or null when the origin is missing, unparsable or not acceptable */
    String registrableDomain(String origin);
}
