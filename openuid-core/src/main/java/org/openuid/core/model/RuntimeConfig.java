package org.openuid.core.model;

import org.openuid.core.identity.IdentityEnvironment;

/**
 * Token lifetimes and environment (spec README §5 runtime config). Nullable maxima default to the identity
 * expiry and the sharing expiry respectively.
 */
public record RuntimeConfig(long identityTokenExpiresAfterSeconds, long refreshTokenExpiresAfterSeconds,
                            long refreshIdentityTokenAfterSeconds, long sharingTokenExpirySeconds,
                            Long maxBidstreamLifetimeSeconds, Long maxSharingLifetimeSeconds,
                            IdentityEnvironment identityEnvironment) {

    /** Production-like defaults of the public UID2 service. */
    public static RuntimeConfig productionDefaults(IdentityEnvironment env) {
        return new RuntimeConfig(259200, 2592000, 3600, 2592000, null, null, env);
    }

    /** The values of the reference test data. */
    public static RuntimeConfig testDefaults() {
        return new RuntimeConfig(3600, 86400, 900, 2592000, null, null, IdentityEnvironment.TEST);
    }

    /** @throws IllegalArgumentException with a clear message when the lifetimes are inconsistent */
    public RuntimeConfig validate() {
        if (refreshIdentityTokenAfterSeconds <= 0 || identityTokenExpiresAfterSeconds <= 0
                || refreshTokenExpiresAfterSeconds <= 0 || sharingTokenExpirySeconds <= 0)
            throw new IllegalArgumentException("token lifetimes must be positive");
        if (refreshTokenExpiresAfterSeconds < identityTokenExpiresAfterSeconds)
            throw new IllegalArgumentException("refresh_token_expires_after_seconds (" + refreshTokenExpiresAfterSeconds
                    + ") must be >= identity_token_expires_after_seconds (" + identityTokenExpiresAfterSeconds + ")");
        if (identityTokenExpiresAfterSeconds < refreshIdentityTokenAfterSeconds)
            throw new IllegalArgumentException("identity_token_expires_after_seconds (" + identityTokenExpiresAfterSeconds
                    + ") must be >= refresh_identity_token_after_seconds (" + refreshIdentityTokenAfterSeconds + ")");
        if (maxBidstreamLifetimeSeconds != null && maxBidstreamLifetimeSeconds < identityTokenExpiresAfterSeconds)
            throw new IllegalArgumentException("max_bidstream_lifetime_seconds (" + maxBidstreamLifetimeSeconds
                    + ") must be >= identity_token_expires_after_seconds (" + identityTokenExpiresAfterSeconds + ")");
        if (identityEnvironment == null) throw new IllegalArgumentException("identity_environment is required");
        return this;
    }

    public long effectiveMaxBidstreamLifetimeSeconds() {
        return maxBidstreamLifetimeSeconds != null ? maxBidstreamLifetimeSeconds : identityTokenExpiresAfterSeconds;
    }

    public long effectiveMaxSharingLifetimeSeconds() {
        return maxSharingLifetimeSeconds != null ? maxSharingLifetimeSeconds : sharingTokenExpirySeconds;
    }
}
