package org.openuid.store;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
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

    /** Deletes a keyset key (key rotation retires keys whose tokens have all expired). No-op when absent. */
    void deleteKey(int keyId);

    /** Next free key id (> every existing id). */
    int nextKeyId();

    void upsertKeypair(ClientSideKeypair keypair);

    // --- services and service links (spec keys-and-data.md §9) ---
    void upsertService(Service service);

    /** Saves a link, identified by (service id, link id). */
    void upsertServiceLink(ServiceLink link);

    // --- configuration and salts ---
    void setRuntimeConfig(RuntimeConfig config);

    void setSaltMetadata(SaltMetadata metadata);

    /** Replaces all salt buckets (file order = list order). */
    void replaceSaltBuckets(List<SaltBucket> buckets);

    /** Updates the given buckets in place (matched by bucket id). */
    void updateSaltBuckets(List<SaltBucket> buckets);

    // --- opt-outs ---
    /**
     * Appends an opt-out; durable when this returns. A record is identified by its (first-level hash, raw UID) pair:
     * when that pair is already recorded nothing is added (the first recorded time stands).
     *
     * @return the sequence number of the new record, or of the existing record with the same pair
     */
    long addOptOut(OptOutRecord record);

    /**
     * Appends opt-outs in one transaction, skipping pairs already recorded (as {@link #addOptOut}), except that a pair
     * recorded with a later time is replaced by a record with the earlier time (a new sequence number), so that the
     * earliest time of a pair stands whatever the order of writes; durable when this returns.
     * @return how many new pairs were added
     */
    int addOptOuts(List<OptOutRecord> records);

    /** Progress of the bulk import of the file with this content hash, if one was started. */
    Optional<OptOutImportProgress> optOutImport(String fileSha256);

    /**
     * Appends one batch of a bulk import (as {@link #addOptOuts}) and saves the import's progress in the same
     * transaction; durable when this returns. {@code progress} is the position after this batch, with
     * {@code added} and {@code alreadyOptedOut} counting the earlier batches only: the store adds this batch's outcome.
     * Fails if the saved position is not {@code previousOffset} (another import of the same file is running).
     *
     * @return the progress as saved
     */
    OptOutImportProgress addImportedOptOuts(List<OptOutRecord> records, long previousOffset, OptOutImportProgress progress);

    /** Opt-outs with sequence > {@code afterSequence}, ascending, at most {@code limit}. */
    List<OptOutEntry> optOutsAfter(long afterSequence, int limit);

    // --- administration (admin API tokens and audit log; neither moves the change version) ---
    /** Every admin API token, enabled or not, by creation time. */
    List<AdminToken> adminTokens();

    /** Saves an admin API token (insert or update by token id). */
    void upsertAdminToken(AdminToken token);

    /** Appends an entry to the audit log; @return its sequence number (the entry's own sequence is ignored) */
    long appendAudit(AuditEntry entry);

    /** Audit entries with sequence below {@code beforeSequence} (the newest when it is 0 or less), newest first. */
    List<AuditEntry> auditLog(long beforeSequence, int limit);

    // --- coordination between nodes ---
    /** Locks for work that must run on one node at a time (see {@link JobLock}). */
    JobLock jobLock();

    /**
     * Calls {@code listener} soon after a change is committed: by this process on any store, by any node on
     * PostgreSQL (LISTEN/NOTIFY). Best effort: keep polling {@link #changeVersion()} and {@link #optOutsAfter}.
     */
    ChangeFeed watch(ChangeListener listener);

    @Override
    void close();
}
