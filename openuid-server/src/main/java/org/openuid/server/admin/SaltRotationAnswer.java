package org.openuid.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.server.http.Json;
import org.openuid.server.jobs.SaltRotationJob;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The answer of {@code POST /admin/v1/salts/rotate} (docs/admin.md, "Rotation"): what was asked, how many buckets
 * were old enough and how many rotated, and, when fewer rotated than asked because too few buckets are old enough,
 * a {@code note} saying why and what to do (a fresh store has no bucket old enough).
 */
final class SaltRotationAnswer {
    private static final long DAY_MS = 86_400_000L;

    private SaltRotationAnswer() {}

    /**
     * @param oldestRotationMs when the longest-unrotated bucket was last rotated (or created), epoch ms; ignored
     *                         when the table is empty
     */
    static ObjectNode of(SaltRotationSettings settings, SaltRotationJob.Result result, long oldestRotationMs, long nowMs) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("fraction", settings.fraction());
        out.put("min_age_days", settings.minAgeDays());
        out.put("buckets", result.bucketCount());
        out.put("eligible", result.eligibleCount());
        out.put("rotated", result.rotatedCount());
        String note = note(settings, result, oldestRotationMs, nowMs);
        if (note != null) out.put("note", note);
        return out;
    }

    /** Why fewer buckets rotated than the fraction asks for, or null when the age limit held nothing back. */
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
}
