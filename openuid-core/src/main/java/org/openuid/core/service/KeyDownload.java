package org.openuid.core.service;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Role;
import org.openuid.core.model.Site;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which keys a client may download and how they are labelled (spec keys-and-data.md §4 access rule,
 * endpoints.md §11).
 */
public final class KeyDownload {
    /** Keyset id under which master keys are shown to SDKs. */
    public static final int MASTER_KEYSET_ID_FOR_SDKS = 9999999;

    private KeyDownload() {}

    /** A downloadable key with its owner keyset and site. */
    public record Entry(KeysetKey key, Keyset keyset) {
        public boolean isMaster() { return keyset.keysetId() == Keyset.MASTER_KEYSET_ID; }

        /** Site id as in /v2/key/latest: master keys → -1. */
        public int ownerSiteId() { return keyset.siteId(); }
    }

    /** Keys client may receive, sorted by key id. */
    public static List<Entry> keysFor(Snapshot s, ClientKey client) {
        List<Entry> out = new ArrayList<>();
        boolean reader = client.roles().contains(Role.ID_READER);
        for (KeysetKey k : s.keysSortedById()) {
            Keyset ks = s.keyset(k.keysetId());
            if (ks == null || ks.keysetId() == Keyset.REFRESH_KEYSET_ID) continue;
            if (allowed(ks, client.siteId(), reader)) out.add(new Entry(k, ks));
        }
        return out;
    }

    static boolean allowed(Keyset ks, int siteId, boolean reader) {
        if (ks.keysetId() == Keyset.MASTER_KEYSET_ID) return true;
        if (!ks.enabled()) return false;
        if (ks.siteId() == siteId) return true;
        if (ks.allowedSites() == null) return reader;
        return ks.allowedSites().contains(siteId);
    }

    /**
     * keyset_id to show for a key in /v2/key/sharing: 9999999 for master keys, the keyset id when the keyset
     * belongs to the caller, otherwise null (omitted).
     */
    public static Integer sharingKeysetId(Entry e, int callerSiteId) {
        if (e.isMaster()) return MASTER_KEYSET_ID_FOR_SDKS;
        return e.keyset().siteId() == callerSiteId ? e.keyset().keysetId() : null;
    }

    /**
     * site_data: for the distinct owner sites of the returned keys (ascending) that exist and have names, the
     * sorted union of domain names (and app names when requested).
     */
    public static TreeMap<Integer, TreeSet<String>> siteData(Snapshot s, List<Entry> entries, boolean includeAppNames) {
        TreeMap<Integer, TreeSet<String>> out = new TreeMap<>();
        for (Entry e : entries) {
            int siteId = e.keyset().siteId();
            if (out.containsKey(siteId)) continue;
            Site site = s.site(siteId);
            if (site == null) continue;
            TreeSet<String> names = new TreeSet<>(site.domainNames());
            if (includeAppNames) names.addAll(site.appNames());
            if (!names.isEmpty()) out.put(siteId, names);
        }
        return out;
    }

    /** The caller's enabled default keyset id, or null. */
    public static Integer defaultKeysetId(Snapshot s, int siteId) {
        Keyset ks = s.defaultKeyset(siteId);
        return ks == null ? null : ks.keysetId();
    }
}
