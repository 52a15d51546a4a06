package org.openuid.server.jobs;

import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.KeyRotation;
import org.openuid.server.config.KeyRotationSettings;
import org.openuid.store.KeyFactory;
import org.openuid.store.Store;
import org.openuid.store.StoreData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@link KeyRotation} to the store: reads keysets, keys and token lifetimes, creates the keys that are
 * due (random secrets, ids from the store) and deletes keys whose tokens have all expired (docs/keys.md).
 * {@link #runOnce(long)} is the single entry point, used by the {@link JobRunner} schedule, {@code openuid admin
 * keys rotate}, the admin API and tests; each run decides from the store's current content, so a run that stopped half-way is completed by the
 * next one.
 */
public final class KeyRotationJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyRotationJob.class);
    /** The first scheduled run, shortly after start, catches up on rotations missed while the node was down. */
    static final long FIRST_RUN_DELAY_MILLIS = 30_000;

    private final Store store;
    private final KeyRotationSettings settings;
    private final long clockSkewSeconds;
    private final Runnable afterChange;

    /** What a run changed (or, for {@link #plan}, would change). */
    public record Result(List<KeysetKey> created, List<KeysetKey> deleted) {
        public boolean changed() { return !created.isEmpty() || !deleted.isEmpty(); }
    }

    /** @param afterChange called after a run that changed keys (e.g. to refresh this node's snapshot at once) */
    public KeyRotationJob(Store store, KeyRotationSettings settings, long clockSkewSeconds, Runnable afterChange) {
        this.store = store;
        this.settings = settings;
        this.clockSkewSeconds = clockSkewSeconds;
        this.afterChange = afterChange;
    }

    /** The decision for {@code nowMs} without changing anything. */
    public KeyRotation.Plan plan(long nowMs) {
        return plan(nowMs, false);
    }

    /** The decision for {@code nowMs}; with {@code force}, a successor for every keyset ({@link KeyRotation#plan}). */
    public KeyRotation.Plan plan(long nowMs, boolean force) {
        StoreData data = store.loadAll();
        if (data.runtimeConfig() == null) return new KeyRotation.Plan(List.of(), List.of());
        KeyRotation.Policy policy = KeyRotation.Policy.of(data.runtimeConfig(), settings.keyLifetimeSeconds(),
                settings.activationLeadSeconds(), clockSkewSeconds);
        return KeyRotation.plan(data.keysets(), data.keys(), policy, Math.floorDiv(nowMs, 1000L), force);
    }

    /** Rotates keys as of {@code nowMs} (epoch ms of the operator's clock). */
    public Result runOnce(long nowMs) {
        return runOnce(nowMs, false);
    }

    /** Rotates keys as of {@code nowMs}; with {@code force}, every keyset gets a successor one activation lead ahead. */
    public synchronized Result runOnce(long nowMs, boolean force) {
        KeyRotation.Plan plan = plan(nowMs, force);
        long nowSec = Math.floorDiv(nowMs, 1000L);
        List<KeysetKey> created = new ArrayList<>();
        for (KeyRotation.NewKey k : plan.create()) {
            KeysetKey key = KeyFactory.newKey(store.nextKeyId(), k.keysetId(), nowSec, k.activates(), k.expires());
            store.insertKey(key);
            created.add(key);
        }
        for (KeysetKey k : plan.delete()) store.deleteKey(k.id());
        Result result = new Result(List.copyOf(created), plan.delete());
        if (result.changed()) {
            LOG.info("key rotation: created keys {}, deleted keys {}", describe(created), describe(plan.delete()));
            if (afterChange != null) afterChange.run();
        }
        return result;
    }

    private static String describe(List<KeysetKey> keys) {
        StringBuilder sb = new StringBuilder("[");
        for (KeysetKey k : keys) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(k.id()).append(" (keyset ").append(k.keysetId()).append(')');
        }
        return sb.append(']').toString();
    }

    /** Nothing to release: scheduling belongs to the {@link JobRunner}. */
    @Override
    public void close() {
    }
}
