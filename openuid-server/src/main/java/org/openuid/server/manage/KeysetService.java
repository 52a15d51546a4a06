package org.openuid.server.manage;

import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.Site;
import org.openuid.store.KeyFactory;
import org.openuid.store.Store;
import org.openuid.store.StoreData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keysets and their sharing allow-lists (spec keys-and-data.md §4). A keyset's {@code allowed_sites} lists the
 * other sites that may download (decrypt with) its keys: {@code null} means no list (every ID_READER may), an
 * empty list nobody else. A site's enabled default keyset encrypts its tokens; there is at most one. The master
 * (-1) and refresh (-2) keysets are managed by the operator and cannot be changed here.
 */
public final class KeysetService {
    private final Store store;
    private final long keyLifetimeSeconds;

    /** @param keyLifetimeSeconds how long a new keyset's first key is valid ({@code key_lifetime_days}) */
    public KeysetService(Store store, long keyLifetimeSeconds) {
        if (keyLifetimeSeconds <= 0) throw new IllegalArgumentException("key lifetime must be positive");
        this.store = store;
        this.keyLifetimeSeconds = keyLifetimeSeconds;
    }

    /** Changes to a keyset; null fields are left as they are. */
    public record Update(List<Integer> allowedSites, boolean clearAcl, List<Integer> addAllowed, List<Integer> removeAllowed,
                         Boolean enabled, Boolean makeDefault) {}

    /** Creates an enabled keyset with one key active now, valid for the key lifetime; {@code allowedSites} null = no list. */
    public Created create(int siteId, String name, List<Integer> allowedSites, boolean makeDefault, long nowSec) {
        requireSite(siteId);
        if (siteId <= 0) throw new IllegalArgumentException("site id must be positive, got " + siteId);
        requireSites(allowedSites, List.of());
        if (makeDefault) clearOtherDefaults(siteId, Integer.MIN_VALUE);
        int keysetId = store.nextKeysetId();
        String label = name != null && !name.isBlank() ? name : "Keyset " + keysetId + " of site " + siteId;
        Keyset ks = new Keyset(keysetId, siteId, label, sortedUnique(allowedSites), nowSec, true, makeDefault);
        store.upsertKeyset(ks);
        KeysetKey key = KeyFactory.newKey(store.nextKeyId(), keysetId, nowSec, nowSec, nowSec + keyLifetimeSeconds);
        store.insertKey(key);
        return new Created(ks, key.id());
    }

    /** A new keyset and the id of its first key. */
    public record Created(Keyset keyset, int keyId) {}

    public Keyset update(int keysetId, Update u) {
        if (keysetId == Keyset.MASTER_KEYSET_ID || keysetId == Keyset.REFRESH_KEYSET_ID)
            throw new IllegalArgumentException("keyset " + keysetId + " is managed by the operator and cannot be changed");
        Keyset ks = find(keysetId).orElseThrow(() -> new IllegalArgumentException("keyset " + keysetId + " does not exist"));
        List<Integer> allowed = ks.allowedSites();
        if (u.clearAcl()) allowed = null;
        if (u.allowedSites() != null) allowed = u.allowedSites();
        if ((u.addAllowed() != null && !u.addAllowed().isEmpty()) || (u.removeAllowed() != null && !u.removeAllowed().isEmpty())) {
            TreeSet<Integer> set = new TreeSet<>(allowed == null ? List.of() : allowed);
            if (u.addAllowed() != null) set.addAll(u.addAllowed());
            if (u.removeAllowed() != null) u.removeAllowed().forEach(set::remove);
            allowed = new ArrayList<>(set);
        }
        requireSites(allowed, ks.allowedSites());
        boolean enabled = u.enabled() != null ? u.enabled() : ks.enabled();
        boolean isDefault = u.makeDefault() != null ? u.makeDefault() : ks.isDefault();
        if (isDefault && enabled) clearOtherDefaults(ks.siteId(), keysetId);
        Keyset updated = new Keyset(ks.keysetId(), ks.siteId(), ks.name(), sortedUnique(allowed), ks.created(), enabled, isDefault);
        store.upsertKeyset(updated);
        return updated;
    }

    /** A keyset's owner must exist: {@link ServiceException} INVALID otherwise. */
    public void requireSite(int siteId) {
        if (store.site(siteId).isEmpty()) throw ServiceException.invalid("site " + siteId + " does not exist");
    }

    public List<Keyset> list() {
        return store.loadAll().keysets();
    }

    /** Keysets (of one site, or all when {@code siteId} is null) and every key, read together. */
    public Listing listing(Integer siteId) {
        StoreData data = store.loadAll();
        List<Keyset> keysets = data.keysets().stream().filter(k -> siteId == null || k.siteId() == siteId).toList();
        return new Listing(keysets, data.keys());
    }

    /** Keysets and the keys of every keyset. */
    public record Listing(List<Keyset> keysets, List<KeysetKey> keys) {}

    /** Every keyset key (ids and times for views; the secrets are not shown by any of them). */
    public List<KeysetKey> keys() {
        return store.loadAll().keys();
    }

    /** The keyset, or {@link ServiceException} NOT_FOUND. */
    public Keyset existing(int keysetId) {
        return find(keysetId).orElseThrow(() -> ServiceException.notFound("keyset " + keysetId + " does not exist"));
    }

    private Optional<Keyset> find(int keysetId) {
        return list().stream().filter(k -> k.keysetId() == keysetId).findFirst();
    }

    /**
     * Every site an allow-list gains must exist: a typo would otherwise share keys with whoever gets that id later.
     * Ids already on the list stay accepted (imported lists name sites the store may not hold).
     */
    private void requireSites(List<Integer> allowed, List<Integer> before) {
        if (allowed == null) return;
        Set<Integer> known = new HashSet<>(before == null ? List.of() : before);
        for (Site s : store.loadAll().sites()) known.add(s.id());
        for (int id : allowed) {
            if (!known.contains(id))
                throw new IllegalArgumentException("site " + id + " does not exist: only existing sites can be allowed");
        }
    }

    /** At most one enabled default keyset per site: others lose the flag. */
    private void clearOtherDefaults(int siteId, int keep) {
        for (Keyset k : list()) {
            if (k.siteId() == siteId && k.isDefault() && k.keysetId() != keep)
                store.upsertKeyset(new Keyset(k.keysetId(), k.siteId(), k.name(), k.allowedSites(), k.created(), k.enabled(), false));
        }
    }

    private static List<Integer> sortedUnique(List<Integer> ids) {
        return ids == null ? null : new ArrayList<>(new TreeSet<>(ids));
    }
}
