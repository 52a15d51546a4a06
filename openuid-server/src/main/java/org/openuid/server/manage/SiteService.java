package org.openuid.server.manage;

import org.openuid.core.model.Site;
import org.openuid.server.cstg.RegistrableDomain;
import org.openuid.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Sites (spec keys-and-data.md §2): create with a default keyset and key, list, read, update the name, the
 * enabled flag and the client-side token generation allow-lists: web domains (stored as registrable domains, the
 * form the CSTG origin check compares) and mobile app ids (compared case-insensitively). The same lists are
 * published to DSPs in {@code site_data}.
 */
public final class SiteService {
    public static final int MAX_NAME_LENGTH = 200;
    private final Store store;
    private final KeysetService keysets;

    /** @param keyLifetimeSeconds how long the first key of a new site's default keyset is valid */
    public SiteService(Store store, long keyLifetimeSeconds) {
        this.store = store;
        this.keysets = new KeysetService(store, keyLifetimeSeconds);
    }

    /** A new site and its default keyset. */
    public record Created(Site site, int defaultKeysetId) {}

    /** Changes to a site; null fields stay as they are. */
    public record Update(String name, List<String> domainNames, List<String> appNames, Boolean enabled) {}

    /** Creates an enabled site with its own default keyset (shared with nobody) and one key active now. */
    public Created create(String name, List<String> domains, List<String> apps, long nowSec) {
        String label = checkName(name);
        List<String> domainNames = new ArrayList<>(new LinkedHashSet<>(normalizeDomains(domains)));
        List<String> appNames = normalizeApps(apps);
        int siteId = store.nextSiteId();
        Site site = new Site(siteId, label, true, domainNames, appNames, nowSec);
        store.upsertSite(site);
        KeysetService.Created ks = keysets.create(siteId, label + " default", List.of(), true, nowSec);
        return new Created(site, ks.keyset().keysetId());
    }

    public List<Site> list() { return store.loadAll().sites(); }

    public Optional<Site> get(int siteId) { return store.site(siteId); }

    /** The site, or {@link ServiceException} NOT_FOUND. */
    public Site existing(int siteId) {
        return store.site(siteId).orElseThrow(() -> ServiceException.notFound("site " + siteId + " does not exist"));
    }

    /** Applies {@code u}; all values are checked before anything is written. */
    public Site update(int siteId, Update u) {
        Site s = existing(siteId);
        String name = u.name() == null ? s.name() : checkName(u.name());
        List<String> domains = u.domainNames() == null ? s.domainNames()
                : new ArrayList<>(new LinkedHashSet<>(normalizeDomains(u.domainNames())));
        List<String> apps = u.appNames() == null ? s.appNames() : normalizeApps(u.appNames());
        boolean enabled = u.enabled() == null ? s.enabled() : u.enabled();
        Site updated = new Site(s.id(), name, enabled, domains, apps, s.created());
        store.upsertSite(updated);
        return updated;
    }

    /** Replaces the site's domain names; each is reduced to its registrable domain. */
    public Site setDomains(int siteId, List<String> domains) {
        return update(siteId, new Update(null, domains == null ? List.of() : domains, null, null));
    }

    /** Replaces the site's app names (Android package names, iOS bundle ids or App Store ids). */
    public Site setApps(int siteId, List<String> apps) {
        return update(siteId, new Update(null, null, apps == null ? List.of() : apps, null));
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

    /** A site or client name: trimmed, required, at most {@link #MAX_NAME_LENGTH} characters. */
    static String checkName(String name) {
        String t = name == null ? "" : name.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("name is required");
        if (t.length() > MAX_NAME_LENGTH) throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
        return t;
    }
}
