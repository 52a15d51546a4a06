package org.openuid.core.cstg;

/**
 * A parsed {@code /v2/token/client-generate} request (spec encryption.md §4.2). String fields are as sent
 * (null when absent); {@code timestamp} is 0 when absent; {@code appName} null means "use the Origin check".
 */
public record CstgRequest(String payload, String iv, String publicKey, long timestamp, String subscriptionId,
                          String appName) {
}
