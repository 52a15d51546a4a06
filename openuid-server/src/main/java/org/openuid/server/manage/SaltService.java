package org.openuid.server.manage;

import org.openuid.core.uid.SaltTable;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.SaltRotationJob;
import org.openuid.server.state.OperatorState;
import org.openuid.store.Store;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Salt buckets (docs/configuration.md, "Salt rotation"; docs/admin.md, "Rotation"): the rotation state of this
 * node's salt table, and "rotate now" with the configured or given fraction and minimum age, under the same
 * cross-node lock as the scheduled job. When fewer buckets rotate than asked because too few are old enough, the
 * outcome carries a note saying why and what to do (a fresh store has no bucket old enough).
 */
public final class SaltService {
    private static final long DAY_MS = 86_400_000L;

    private final Store store;
    private final OperatorState state;
    private final SaltRotationSettings settings;
    private final JobRunner jobs;
    private final Runnable afterChange;

    /** @param afterChange makes this node serve rotated salts at once */
    public SaltService(Store store, OperatorState state, SaltRotationSettings settings, JobRunner jobs, Runnable afterChange) {
        this.store = store;
        this.state = state;
        this.settings = settings;
        this.jobs = jobs;
        this.afterChange = afterChange;
    }

    /** The bucket count, the oldest and newest rotation times (epoch ms; unset for an empty table) and the settings. */
    public record State(int buckets, long oldestRotationMs, long newestRotationMs, SaltRotationSettings settings) {}

    /** What a rotation did: the settings it ran with, its counts, and why fewer rotated than asked (or null). */
    public record Rotation(SaltRotationSettings settings, SaltRotationJob.Result result, String note) {}

    public State state() {
        SaltTable t = state.snapshot().salts();
        long newest = Long.MIN_VALUE;
        for (int i = 0, n = t.size(); i < n; i++) newest = Math.max(newest, t.lastUpdated(i));
        return new State(t.size(), oldestRotation(t), newest, settings);
    }

    /** {@code fraction} unchanged, or INVALID when it is not between 0 and 1. */
    public static Double checkFraction(Double fraction) {
        if (fraction != null && !(fraction >= 0 && fraction <= 1))
            throw ServiceException.invalid("fraction must be between 0 and 1, got " + fraction);
        return fraction;
    }

    /** {@code minAgeDays} unchanged, or INVALID when it is negative. */
    public static Integer checkMinAgeDays(Integer minAgeDays) {
        if (minAgeDays != null && minAgeDays < 0)
            throw ServiceException.invalid("min_age_days must not be negative, got " + minAgeDays);
        return minAgeDays;
    }

    /** Rotates buckets now; null {@code fraction} or {@code minAgeDays} take the configured value. */
    public Rotation rotate(Double fraction, Integer minAgeDays, long nowMs) {
        SaltRotationSettings s = settings;
        if (checkFraction(fraction) != null) s = s.withFraction(fraction);
        if (checkMinAgeDays(minAgeDays) != null) s = s.withMinAgeDays(minAgeDays);
        SaltRotationJob job = new SaltRotationJob(store, s, new SecureRandom(), afterChange);
        SaltRotationJob.Result[] result = new SaltRotationJob.Result[1];
        long oldest = oldestRotation(state.snapshot().salts());
        JobRuns.runNow(jobs, JobRunner.SALT_ROTATION, "salt rotation", now -> result[0] = job.runOnce(now));
        return new Rotation(s, result[0], note(s, result[0], oldest, nowMs));
    }

    /**
     * Why fewer buckets rotated than the fraction asks for, or null when the age limit held nothing back.
     * @param oldestRotationMs when the longest-unrotated bucket was last rotated (or created), epoch ms
     */
    static String note(SaltRotationSettings settings, SaltRotationJob.Result result, long oldestRotationMs, long nowMs) {
        boolean heldBack = result.rotatedCount() == result.eligibleCount()
                && result.eligibleCount() < settings.fraction() * result.bucketCount();
        if (!heldBack) return null;
        String rule = "buckets rotate only once their salt is at least " + days(settings.minAgeDays()) + " old (salt_rotation_min_age_days)";
        String override = "; to rotate younger buckets now, set min_age_days (--min-age-days on the command line)";
        if (result.eligibleCount() > 0)
            return "only " + result.eligibleCount() + " of the " + result.bucketCount() + " buckets are old enough to rotate: " + rule + override;
        long eligibleFrom = oldestRotationMs + settings.minAgeDays() * DAY_MS;
        String when = eligibleFrom > nowMs
                ? ", and the oldest salt is " + days((nowMs - Math.min(oldestRotationMs, nowMs)) / DAY_MS) + " old: the first buckets become eligible at "
                  + Instant.ofEpochMilli(eligibleFrom).truncatedTo(ChronoUnit.SECONDS)
                : "";
        return "no bucket is old enough to rotate: " + rule + when + override;
    }

    private static String days(long n) {
        return n + (n == 1 ? " day" : " days");
    }

    /** The earliest last rotation of any bucket (Long.MAX_VALUE for an empty table). */
    private static long oldestRotation(SaltTable t) {
        long oldest = Long.MAX_VALUE;
        for (int i = 0, n = t.size(); i < n; i++) oldest = Math.min(oldest, t.lastUpdated(i));
        return oldest;
    }
}
