package org.openuid.core.service;

import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.core.token.KeyLookup;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.FirstLevelHasher;
import org.openuid.core.uid.SaltTable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Immutable view of everything the operator decides with: sites, clients, keysets, keys, salts, keypairs and
 * runtime configuration. Built once per store change and published atomically; request threads never lock.
 */
public final class Snapshot implements KeyLookup {
    private final long version;
    private final RuntimeConfig runtime;
    private final SaltMetadata saltMetadata;
    private final SaltTable salts;
    private final FirstLevelHasher firstLevelHasher;
    private final BucketIdEncoder bucketIds;
    private final Map<Integer, Site> sites;
    private final Map<Integer, Keyset> keysets;
    /** The enabled default keyset of each site (the lowest keyset id when there are several). */
    private final Map<Integer, Keyset> defaultKeysets = new HashMap<>();
    private final Map<Integer, KeysetKey> keysById;
    private final List<KeysetKey> keysSortedById;
    private final Map<Integer, List<KeysetKey>> keysByKeysetSortedByActivation;
    private final Map<String, ClientSideKeypair> keypairs;
    private final ClientAuthenticator authenticator;
    private final TestIdentities testIdentities;
    private final ServiceLinks serviceLinks;

    public Snapshot(long version, RuntimeConfig runtime, SaltMetadata saltMetadata, SaltTable salts,
                    Collection<Site> sites, Collection<ClientKey> clients, Collection<Keyset> keysets,
                    Collection<KeysetKey> keys, Collection<ClientSideKeypair> keypairs) {
        this(version, runtime, saltMetadata, salts, sites, clients, keysets, keys, keypairs, ServiceLinks.NONE);
    }

    public Snapshot(long version, RuntimeConfig runtime, SaltMetadata saltMetadata, SaltTable salts,
                    Collection<Site> sites, Collection<ClientKey> clients, Collection<Keyset> keysets,
                    Collection<KeysetKey> keys, Collection<ClientSideKeypair> keypairs, ServiceLinks serviceLinks) {
        this.serviceLinks = serviceLinks;
        this.version = version;
        this.runtime = runtime;
        this.saltMetadata = saltMetadata;
        this.salts = salts;
        this.firstLevelHasher = new FirstLevelHasher(saltMetadata.firstLevelSalt());
        this.bucketIds = new BucketIdEncoder(saltMetadata.idPrefix(), saltMetadata.idSecret());
        this.sites = new HashMap<>();
        for (Site s : sites) this.sites.put(s.id(), s);
        this.keysets = new HashMap<>();
        for (Keyset k : keysets) this.keysets.put(k.keysetId(), k);
        for (Keyset k : this.keysets.values()) {
            if (k.enabled() && k.isDefault()) defaultKeysets.merge(k.siteId(), k, (a, b) -> a.keysetId() <= b.keysetId() ? a : b);
        }
        this.keysById = new HashMap<>();
        this.keysByKeysetSortedByActivation = new HashMap<>();
        for (KeysetKey k : keys) {
            keysById.put(k.id(), k);
            keysByKeysetSortedByActivation.computeIfAbsent(k.keysetId(), x -> new ArrayList<>()).add(k);
        }
        for (List<KeysetKey> list : keysByKeysetSortedByActivation.values())
            list.sort(Comparator.comparingLong(KeysetKey::activates).thenComparingInt(KeysetKey::id));
        this.keysSortedById = keys.stream().sorted(Comparator.comparingInt(KeysetKey::id)).toList();
        this.keypairs = new HashMap<>();
        for (ClientSideKeypair kp : keypairs) this.keypairs.put(kp.subscriptionId(), kp);
        this.authenticator = new ClientAuthenticator(clients);
        this.testIdentities = new TestIdentities(firstLevelHasher);
    }

    public long version() { return version; }

    public RuntimeConfig runtime() { return runtime; }

    public SaltMetadata saltMetadata() { return saltMetadata; }

    public SaltTable salts() { return salts; }

    public FirstLevelHasher firstLevelHasher() { return firstLevelHasher; }

    public BucketIdEncoder bucketIds() { return bucketIds; }

    public ClientAuthenticator authenticator() { return authenticator; }

    public TestIdentities testIdentities() { return testIdentities; }

    /** Services and service links (spec keys-and-data.md §9). */
    public ServiceLinks serviceLinks() { return serviceLinks; }

    public Site site(int id) { return sites.get(id); }

    public Keyset keyset(int id) { return keysets.get(id); }

    public ClientSideKeypair keypair(String subscriptionId) {
        return subscriptionId == null ? null : keypairs.get(subscriptionId);
    }

    @Override
    public KeysetKey byId(int id) { return keysById.get(id); }

    /** All keys sorted by id ascending. */
    public List<KeysetKey> keysSortedById() { return keysSortedById; }

    /**
     * Active key of a keyset at {@code nowSec} (spec tokens.md §3.2): the last key by activation with
     * activates ≤ now, walking back to the first whose expiry is still ahead.
     */
    public KeysetKey activeKey(int keysetId, long nowSec) {
        List<KeysetKey> list = keysByKeysetSortedByActivation.get(keysetId);
        if (list == null) return null;
        int i = list.size() - 1;
        while (i >= 0 && list.get(i).activates() > nowSec) i--;
        for (; i >= 0; i--) {
            if (list.get(i).expires() > nowSec) return list.get(i);
        }
        return null;
    }

    /** The enabled default keyset of a site, or null. With several (a data error) the lowest keyset id wins. */
    public Keyset defaultKeyset(int siteId) {
        return defaultKeysets.get(siteId);
    }

    /** The key that encrypts the inner layer of a site's tokens: its default keyset, else the fallback publisher keyset's. */
    public KeysetKey siteKey(int siteId, long nowSec) {
        Keyset ks = defaultKeyset(siteId);
        if (ks == null) ks = defaultKeyset(Keyset.FALLBACK_PUBLISHER_SITE_ID);
        return ks == null ? null : activeKey(ks.keysetId(), nowSec);
    }

    public KeysetKey masterKey(long nowSec) {
        ActiveAt a = masterAt;
        if (a == null || a.second != nowSec) {
            masterAt = a = new ActiveAt(nowSec, activeKey(Keyset.MASTER_KEYSET_ID, nowSec));
        }
        return a.key;
    }

    public KeysetKey refreshKey(long nowSec) {
        ActiveAt a = refreshAt;
        if (a == null || a.second != nowSec) {
            refreshAt = a = new ActiveAt(nowSec, activeKey(Keyset.REFRESH_KEYSET_ID, nowSec));
        }
        return a.key;
    }

    /**
     * The active key of a keyset at one second, kept for the master and refresh keysets, which every token request
     * asks for: the snapshot never changes, so the answer for a second is always the same. The fields are read and
     * written without synchronisation; a record's fields are final, so a thread sees either a whole answer or none,
     * and at worst computes one again.
     */
    private record ActiveAt(long second, KeysetKey key) {}

    private ActiveAt masterAt;
    private ActiveAt refreshAt;

    public static String describe(IdentityScope scope) { return scope.name(); }
}
