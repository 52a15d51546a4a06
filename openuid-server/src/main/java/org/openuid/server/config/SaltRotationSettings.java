package org.openuid.server.config;

import org.openuid.core.service.SaltRotation;

import java.util.Map;

/**
 * The salt rotation job (docs/configuration.md, "Salt rotation"): whether this node runs it, how often, what share
 * of the buckets each run rotates, how old a bucket must be to rotate, and how far after a rotation the bucket's
 * {@code refreshFrom} lies.
 */
public record SaltRotationSettings(boolean enabled, double fraction, int minAgeDays, int intervalHours, int refreshDelayDays) {
    private static final long DAY_MS = 86_400_000L;
    private static final long HOUR_MS = 3_600_000L;

    public SaltRotationSettings {
        if (!(fraction >= 0 && fraction <= 1))
            throw new IllegalArgumentException("salt_rotation_fraction must be between 0 and 1, got " + fraction);
    }

    static SaltRotationSettings from(Map<String, String> s) {
        return new SaltRotationSettings(ConfigValues.bool(s, "salt_rotation_enabled"), decimal(s, "salt_rotation_fraction"),
                ConfigValues.nonNegative(s, "salt_rotation_min_age_days"), ConfigValues.positive(s, "salt_rotation_interval_hours"),
                ConfigValues.nonNegative(s, "salt_rotation_refresh_delay_days"));
    }

    /** The same settings with another fraction (for a one-off rotation). */
    public SaltRotationSettings withFraction(double f) {
        return new SaltRotationSettings(enabled, f, minAgeDays, intervalHours, refreshDelayDays);
    }

    /** The same settings with another minimum bucket age (for a one-off rotation). */
    public SaltRotationSettings withMinAgeDays(int days) {
        return new SaltRotationSettings(enabled, fraction, days, intervalHours, refreshDelayDays);
    }

    /** The core decision's settings. */
    public SaltRotation.Settings rotation() {
        return new SaltRotation.Settings(fraction, minAgeDays * DAY_MS, refreshDelayDays * DAY_MS);
    }

    public long intervalMs() { return intervalHours * HOUR_MS; }

    private static double decimal(Map<String, String> s, String key) {
        try {
            return Double.parseDouble(s.get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a decimal number, got '" + s.get(key) + "'");
        }
    }
}
