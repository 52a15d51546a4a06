package org.openuid.server.manage;

import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.service.KeyRotation;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.store.Store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Keyset keys and their rotation (docs/keys.md): list, plan and run the key rotation now, optionally forcing new keys
 * for all or some keysets ("Forced rotation"). A run takes the same cross-node lock as the scheduled job; when another
 * node holds it the run is refused as a CONFLICT.
 */
public final class KeyService {
    private final Store store;
    private final KeyRotationJob rotation;
    private final JobRunner jobs;

    public KeyService(Store store, KeyRotationJob rotation, JobRunner jobs) {
        this.store = store;
        this.rotation = rotation;
        this.jobs = jobs;
    }

    /** The keys of one keyset, or every key when {@code keysetId} is null. */
    public List<KeysetKey> keys(Integer keysetId) {
        return store.loadAll().keys().stream().filter(k -> keysetId == null || k.keysetId() == keysetId).toList();
    }

    /**
     * Which keysets a forced rotation ({@code now}) gives a new key: the listed ones, or every keyset that rotates
     * when none are listed. A listed keyset must exist and rotate (not be disabled). Without {@code now} nothing is
     * forced, and listing keysets is an error.
     */
    public IntPredicate forced(List<Integer> keysetIds, boolean now) {
        if (!now) {
            if (keysetIds != null) throw ServiceException.invalid("keyset_ids is only used with \"now\": true");
            return id -> false;
        }
        if (keysetIds == null || keysetIds.isEmpty()) return id -> true;
        List<Keyset> keysets = store.loadAll().keysets();
        Set<Integer> chosen = new HashSet<>();
        for (int id : keysetIds) {
            Keyset ks = keysets.stream().filter(k -> k.keysetId() == id).findFirst()
                    .orElseThrow(() -> ServiceException.invalid("keyset " + id + " does not exist"));
            if (!KeyRotation.rotates(ks))
                throw ServiceException.invalid("keyset " + id + " is disabled: its keys are not used; enable it first");
            chosen.add(id);
        }
        return chosen::contains;
    }

    /** What a rotation would do at {@code nowMs}, without changing anything. */
    public KeyRotation.Plan plan(long nowMs, IntPredicate forced) {
        return rotation.plan(nowMs, forced);
    }

    /** Runs the key rotation now under the job lock; @return the keys it created and deleted */
    public KeyRotationJob.Result rotate(IntPredicate forced) {
        KeyRotationJob.Result[] result = new KeyRotationJob.Result[1];
        JobRuns.runNow(jobs, JobRunner.KEY_ROTATION, "key rotation", t -> result[0] = rotation.runOnce(t, forced));
        return result[0];
    }
}
