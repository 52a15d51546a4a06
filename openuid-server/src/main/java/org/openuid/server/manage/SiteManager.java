package org.openuid.server.manage;

import org.openuid.core.model.Site;
import org.openuid.server.cstg.RegistrableDomain;
import org.openuid.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A site's client-side token generation allow-lists (spec keys-and-data.md §2): web domains (stored as
 * registrable domains, the form the CSTG origin check compares) and mobile app ids (compared case-insensitively).
 * The same lists are published to DSPs in {@code site_data}.
 */
public final class SiteManager {
    private final Store store;

    public SiteManager(Store store) { this.store = store; }

    /** Replaces the site's domain names; each is reduced to its registrable domain. */
    public Site setDomains(int siteId, List<String> domains) {
        Site s = existing(siteId);
        List<String> normalized = new ArrayList<>(new LinkedHashSet<>(normalizeDomains(domains)));
        Site updated = new Site(s.id(), s.name(), s.enabled(), normalized, s.appNames(), s.created());
        store.upsertSite(updated);
        return updated;
    }

    /** Replaces the site's app names (Android package names, iOS bundle ids or App Store ids). */
    public Site setApps(int siteId, List<String> apps) {
        Site s = existing(siteId);
        Site updated = new Site(s.id(), s.name(), s.enabled(), s.domainNames(), normalizeApps(apps), s.created());
        store.upsertSite(updated);
        return updated;
    }

    /** App names trimmed and de-duplicated; throws IllegalArgumentException naming the first invalid one. */
    public static List<String> normalizeApps(List<String> apps) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String a : apps == null ? List.<String>of() : apps) {
            String t = a == null ? "" : a.trim();
            if (t.isEmpty() || t.chars().anyMatch(Character::isWhitespace))
                throw new IllegalArgumentException("'" + a + "' is not an app name: use the package name, bundle id or App Store id");
            names.add(t);
        }
        return new ArrayList<>(names);
    }

    /** Each domain reduced to its registrable domain; throws IllegalArgumentException naming the first bad one. */
    public static List<String> normalizeDomains(List<String> domains) {
        List<String> out = new ArrayList<>();
        for (String d : domains == null ? List.<String>of() : domains) out.add(RegistrableDomain.normalize(d));
        return out;
    }

    private Site existing(int siteId) {
        return store.site(siteId).orElseThrow(() -> new IllegalArgumentException("site " + siteId + " does not exist"));
    }
}
