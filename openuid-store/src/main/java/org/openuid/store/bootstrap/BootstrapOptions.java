package org.openuid.store.bootstrap;

import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.RuntimeConfig;

import java.time.Duration;

/**
 * Settings for {@link Bootstrap}.
 *
 * @param saltBucketCount   number of salt buckets to create, 1 to 1,048,576 (the 20-bit bucket index range)
 * @param saltRefreshDelay  how far after creation the buckets' {@code refreshFrom} lies
 * @param environment       identity environment for the default runtime config
 * @param runtimeConfig     runtime config to store; null means {@link RuntimeConfig#productionDefaults} for
 *                          {@code environment}
 * @param keyLifetime       how long the first keys are valid ({@code expires = activates + keyLifetime}); the
 *                          operator passes its {@code key_lifetime_days}, so they rotate like every later key
 */
public record BootstrapOptions(int saltBucketCount, Duration saltRefreshDelay, IdentityEnvironment environment,
                               RuntimeConfig runtimeConfig, Duration keyLifetime) {

    public static final int MAX_SALT_BUCKETS = 1 << 20;
    public static final Duration DEFAULT_SALT_REFRESH_DELAY = Duration.ofDays(30);
    /** The default of {@code key_lifetime_days}. */
    public static final Duration DEFAULT_KEY_LIFETIME = Duration.ofDays(30);

    public BootstrapOptions {
        if (saltBucketCount < 1 || saltBucketCount > MAX_SALT_BUCKETS)
            throw new IllegalArgumentException("salt bucket count must be between 1 and " + MAX_SALT_BUCKETS);
        if (saltRefreshDelay == null || saltRefreshDelay.isNegative())
            throw new IllegalArgumentException("salt refresh delay must not be negative");
        if (environment == null) throw new IllegalArgumentException("identity environment is required");
        if (keyLifetime == null || keyLifetime.toSeconds() <= 0) throw new IllegalArgumentException("key lifetime must be positive");
    }

    /**
     * 1,048,576 buckets refreshing after 30 days, production default lifetimes in the {@code prod} environment, keys
     * valid for 30 days.
     */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions(MAX_SALT_BUCKETS, DEFAULT_SALT_REFRESH_DELAY, IdentityEnvironment.PROD, null,
                DEFAULT_KEY_LIFETIME);
    }

    public BootstrapOptions withSaltBucketCount(int count) {
        return new BootstrapOptions(count, saltRefreshDelay, environment, runtimeConfig, keyLifetime);
    }

    public BootstrapOptions withSaltRefreshDelay(Duration delay) {
        return new BootstrapOptions(saltBucketCount, delay, environment, runtimeConfig, keyLifetime);
    }

    public BootstrapOptions withEnvironment(IdentityEnvironment env) {
        return new BootstrapOptions(saltBucketCount, saltRefreshDelay, env, runtimeConfig, keyLifetime);
    }

    public BootstrapOptions withRuntimeConfig(RuntimeConfig config) {
        return new BootstrapOptions(saltBucketCount, saltRefreshDelay, environment, config, keyLifetime);
    }

    public BootstrapOptions withKeyLifetime(Duration lifetime) {
        return new BootstrapOptions(saltBucketCount, saltRefreshDelay, environment, runtimeConfig, lifetime);
    }

    /** The runtime config bootstrap stores. */
    public RuntimeConfig effectiveRuntimeConfig() {
        return runtimeConfig != null ? runtimeConfig : RuntimeConfig.productionDefaults(environment);
    }
}
