package org.openuid.server.config;

import java.util.Map;

/**
 * How a node keeps up with the shared store (docs/deployment.md): whether it listens for change notifications
 * (PostgreSQL LISTEN/NOTIFY; polling every {@code snapshot_poll_millis} is the safety net either way), and how
 * long it may serve without confirming its keys and salts with the store before it fails closed.
 *
 * @param notifications       listen for change notifications
 * @param maxStalenessSeconds the salts a node holds expire when it has not read the store for this long
 */
public record StoreSyncSettings(boolean notifications, int maxStalenessSeconds) {

    static StoreSyncSettings from(Map<String, String> s) {
        return new StoreSyncSettings(ConfigValues.bool(s, "store_notifications"),
                ConfigValues.positive(s, "store_max_staleness_seconds"));
    }

    public long maxStalenessMillis() { return maxStalenessSeconds * 1000L; }
}
