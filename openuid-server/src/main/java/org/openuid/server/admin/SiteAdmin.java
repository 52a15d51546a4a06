package org.openuid.server.admin;

import org.openuid.core.model.Site;
import org.openuid.server.manage.KeysetManager;
import org.openuid.server.manage.SiteManager;
import org.openuid.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Sites (spec keys-and-data.md §2): create with a default keyset and key, list, read, update the name, the
 * client-side allow-lists (via {@link SiteManager}, which normalises domains and app names) and the enabled flag.
 */
public final class SiteAdmin {
    public static final int MAX_NAME_LENGTH = 200;
    private final Store store;
    private final SiteManager sites;
    private final KeysetManager keysets;

    /** @param keyLifetimeSeconds how long the first key of a new site's default keyset is valid */
    public SiteAdmin(Store store, long keyLifetimeSeconds) {
        this.store = store;
        this.sites = new SiteManager(store);
        this.keysets = new KeysetManager(store, keyLifetimeSeconds);
    }

    /** A new site and its default keyset. */
    public record Created(Site site, int defaultKeysetId) {}

    /** Changes to a site; null fields stay as they are. */
    public record Update(String name, List<String> domainNames, List<String> appNames, Boolean enabled) {}

    /** Creates an enabled site with its own default keyset (shared with nobody) and one key active now. */
    public Created create(String name, List<String> domains, List<String> apps, long nowSec) {
        String label = checkName(name);
        List<String> domainNames = new ArrayList<>(new LinkedHashSet<>(SiteManager.normalizeDomains(domains)));
        List<String> appNames = SiteManager.normalizeApps(apps);
        int siteId = store.nextSiteId();
        Site site = new Site(siteId, label, true, domainNames, appNames, nowSec);
        store.upsertSite(site);
        KeysetManager.Created ks = keysets.create(siteId, label + " default", List.of(), true, nowSec);
        return new Created(site, ks.keyset().keysetId());
    }

    public List<Site> list() { return store.loadAll().sites(); }

    public Optional<Site> get(int siteId) { return store.site(siteId); }

    /** Applies {@code u}; all values are checked before anything is written. */
    public Site update(int siteId, Update u) {
        Site s = store.site(siteId).orElseThrow(() -> AdminException.notFound("site " + siteId + " does not exist"));
        String name = u.name() == null ? s.name() : checkName(u.name());
        List<String> domains = u.domainNames() == null ? s.domainNames()
                : new ArrayList<>(new LinkedHashSet<>(SiteManager.normalizeDomains(u.domainNames())));
        List<String> apps = u.appNames() == null ? s.appNames() : SiteManager.normalizeApps(u.appNames());
        boolean enabled = u.enabled() == null ? s.enabled() : u.enabled();
        Site updated = new Site(s.id(), name, enabled, domains, apps, s.created());
        store.upsertSite(updated);
        return updated;
    }

    private static String checkName(String name) {
        String t = name == null ? "" : name.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("name is required");
        if (t.length() > MAX_NAME_LENGTH) throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters");
        return t;
    }
}
