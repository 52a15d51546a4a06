package org.openuid.server.jobs;

import org.openuid.core.service.SaltRotation;
import org.openuid.core.uid.SaltTable;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Random;

/**
 * Applies {@link SaltRotation} to the store (docs/configuration.md, "Salt rotation"): reads the current salt buckets
 * from the store, decides which rotate, and writes them with {@link Store#updateSaltBuckets} in one transaction,
 * which moves the store's change version so that every node reloads its snapshot.
 *
 * <p>{@link #runOnce(long)} is the single entry point that changes salts; the admin API's "rotate now" and tests call
 * it. {@link JobRunner} schedules {@link #tick(long)} at the operator clock's multiples of
 * {@code salt_rotation_interval_hours} (00:00 UTC daily by default, plus {@link #SLACK_MILLIS}), never at start-up,
 * under the cross-node job lock; a tick is skipped when some bucket was already rotated since the start of the
 * current interval (by another node, or by hand), so restarts and several nodes do not rotate more than the
 * configured fraction per interval.
 */
public final class SaltRotationJob {
    private static final Logger LOG = LoggerFactory.getLogger(SaltRotationJob.class);
    /** Scheduled runs start this long after the interval boundary, so a timer firing a little early stays in its interval. */
    static final long SLACK_MILLIS = 1000;

    private final Store store;
    private final SaltRotationSettings settings;
    private final Random random;
    private final Runnable afterChange;

    /** What a run did: buckets in the table, buckets old enough to rotate, buckets rotated. */
    public record Result(int bucketCount, int eligibleCount, int rotatedCount) {}

    /**
     * @param random      source of the bucket choice and of the new salts (a {@link java.security.SecureRandom} in
     *                    production)
     * @param afterChange called after a run that rotated buckets (e.g. to refresh this node's snapshot at once)
     */
    public SaltRotationJob(Store store, SaltRotationSettings settings, Random random, Runnable afterChange) {
        this.store = store;
        this.settings = settings;
        this.random = random;
        this.afterChange = afterChange;
    }

    /** Rotates salt buckets as of {@code nowMs} (epoch ms of the operator's clock). */
    public synchronized Result runOnce(long nowMs) {
        SaltTable table = store.loadAll().salts();
        SaltRotation.Plan plan = SaltRotation.plan(table, nowMs, settings.rotation(), random);
        if (!plan.rotated().isEmpty()) {
            store.updateSaltBuckets(plan.rotated());
            LOG.info("salt rotation: rotated {} of {} salt buckets ({} old enough)", plan.rotated().size(),
                    plan.bucketCount(), plan.eligibleCount());
            if (afterChange != null) afterChange.run();
        }
        return new Result(plan.bucketCount(), plan.eligibleCount(), plan.rotated().size());
    }

    /** True unless a bucket was rotated between the start of the current interval and {@code nowMs}. */
    public boolean isDue(long nowMs) {
        long periodStart = nowMs - Math.floorMod(nowMs, settings.intervalMs());
        SaltTable table = store.loadAll().salts();
        for (int i = 0, n = table.size(); i < n; i++) {
            long lu = table.lastUpdated(i);
            if (lu >= periodStart && lu <= nowMs) return false;
        }
        return true;
    }

    /** The scheduled run: {@link #runOnce} when {@link #isDue}. */
    public void tick(long nowMs) {
        if (isDue(nowMs)) runOnce(nowMs);
        else LOG.info("salt rotation: buckets were already rotated in this interval, skipping");
    }
}
