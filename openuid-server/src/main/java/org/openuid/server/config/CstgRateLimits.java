package org.openuid.server.config;

import java.util.Map;

/**
 * Token-bucket limits of {@code /v2/token/client-generate}, per node: requests per second and burst size, per
 * client IP and per site. A rate of 0 turns that limit off. {@code clientIpHeader} (empty = the TCP peer) names
 * a header set by a trusted proxy whose last address is the client's.
 */
public record CstgRateLimits(int perIpPerSecond, int perIpBurst, int perSitePerSecond, int perSiteBurst,
                             String clientIpHeader) {


    static CstgRateLimits from(Map<String, String> s) {
        CstgRateLimits l = new CstgRateLimits(
                ConfigValues.nonNegative(s, "cstg_rate_limit_per_ip_per_second"),
                ConfigValues.nonNegative(s, "cstg_rate_limit_per_ip_burst"),
                ConfigValues.nonNegative(s, "cstg_rate_limit_per_site_per_second"),
                ConfigValues.nonNegative(s, "cstg_rate_limit_per_site_burst"),
                s.get("cstg_client_ip_header").trim());
        if (l.perIpPerSecond > 0 && l.perIpBurst < 1)
            throw new IllegalArgumentException("cstg_rate_limit_per_ip_burst must be at least 1 when the per-IP limit is on");
        if (l.perSitePerSecond > 0 && l.perSiteBurst < 1)
            throw new IllegalArgumentException("cstg_rate_limit_per_site_burst must be at least 1 when the per-site limit is on");
        return l;
    }
}
