package org.openuid.server.config;

import java.util.Map;

/**
 * How a node connects to its store (docs/deployment.md, "Database credentials" and "Connection pool").
 *
 * @param passwordFile a file whose content is the PostgreSQL password ({@code store_password_file}), or empty
 * @param poolSize     most pooled store connections ({@code store_pool_size})
 */
public record StoreConnectionSettings(String passwordFile, int poolSize) {

    static StoreConnectionSettings from(Map<String, String> s) {
        return new StoreConnectionSettings(s.get("store_password_file").strip(), ConfigValues.positive(s, "store_pool_size"));
    }
}
