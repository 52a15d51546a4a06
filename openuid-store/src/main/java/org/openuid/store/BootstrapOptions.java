package org.openuid.store;

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
 */
public record BootstrapOptions(int saltBucketCount, Duration saltRefreshDelay, IdentityEnvironment environment,
                               RuntimeConfig runtimeConfig) {

    public static final int MAX_SALT_BUCKETS = 1 << 20;
    public static final Duration DEFAULT_SALT_REFRESH_DELAY = Duration.ofDays(30);

    public BootstrapOptions {
        if (saltBucketCount < 1 || saltBucketCount > MAX_SALT_BUCKETS)
            throw new IllegalArgumentException("salt bucket count must be between 1 and " + MAX_SALT_BUCKETS);
        if (saltRefreshDelay == null || saltRefreshDelay.isNegative())
            throw new IllegalArgumentException("salt refresh delay must not be negative");
        if (environment == null) throw new IllegalArgumentException("identity environment is required");
    }

    /** 1,048,576 buckets refreshing after 30 days, production default lifetimes in the {@code prod} environment. */
    public static BootstrapOptions defaults() {
        return new BootstrapOptions(MAX_SALT_BUCKETS, DEFAULT_SALT_REFRESH_DELAY, IdentityEnvironment.PROD, null);
    }

    public BootstrapOptions withSaltBucketCount(int count) {
        return new BootstrapOptions(count, saltRefreshDelay, environment, runtimeConfig);
    }

    public BootstrapOptions withSaltRefreshDelay(Duration delay) {
        return new BootstrapOptions(saltBucketCount, delay, environment, runtimeConfig);
    }

    public BootstrapOptions withEnvironment(IdentityEnvironment env) {
        return new BootstrapOptions(saltBucketCount, saltRefreshDelay, env, runtimeConfig);
    }

    public BootstrapOptions withRuntimeConfig(RuntimeConfig config) {
        return new BootstrapOptions(saltBucketCount, saltRefreshDelay, environment, config);
    }

    /** The runtime config bootstrap stores. */
    public RuntimeConfig effectiveRuntimeConfig() {
        return runtimeConfig != null ? runtimeConfig : RuntimeConfig.productionDefaults(environment);
    }
}
