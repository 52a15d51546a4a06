package org.openuid.store;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;

import java.util.List;
import java.util.Optional;

/**
 * The operator's durable state. Every write of non-opt-out data increments {@link #changeVersion()} in the
 * same transaction, so nodes know when to rebuild their snapshot. Opt-outs are an append-only sequence.
 * All methods throw {@link StoreException} on failure.
 */
public interface Store extends AutoCloseable {

    /** True when the store holds no salt metadata yet (first start). */
    boolean isEmpty();

    long changeVersion();

    /** Consistent read of all snapshot data. */
    StoreData loadAll();

    // --- sites, clients, keysets, keys, keypairs ---
    void upsertSite(Site site);

    Optional<Site> site(int siteId);

    /** Next free site id (> every existing id, and >= 100). */
    int nextSiteId();

    void upsertClient(ClientKey client);

    Optional<ClientKey> clientByKeyId(String keyId);

    void upsertKeyset(Keyset keyset);

    /** Next free keyset id (> every existing id, and >= 100). */
    int nextKeysetId();

    void insertKey(KeysetKey key);

    /** Next free key id (> every existing id). */
    int nextKeyId();

    void upsertKeypair(ClientSideKeypair keypair);

    // --- configuration and salts ---
    void setRuntimeConfig(RuntimeConfig config);

    void setSaltMetadata(SaltMetadata metadata);

    /** Replaces all salt buckets (file order = list order). */
    void replaceSaltBuckets(List<SaltBucket> buckets);

    /** Updates the given buckets in place (matched by bucket id). */
    void updateSaltBuckets(List<SaltBucket> buckets);

    // --- opt-outs ---
    /** Appends an opt-out; durable when this returns. @return its sequence number */
    long addOptOut(OptOutRecord record);

    /** Opt-outs with sequence > {@code afterSequence}, ascending, at most {@code limit}. */
    List<OptOutEntry> optOutsAfter(long afterSequence, int limit);

    @Override
    void close();
}
