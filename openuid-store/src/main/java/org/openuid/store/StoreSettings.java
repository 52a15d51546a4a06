package org.openuid.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * How a store connects, beyond its location.
 *
 * @param poolSize     most pooled connections at once (the dedicated PostgreSQL connections for change notifications
 *                     and job locks come on top)
 * @param passwordFile a file whose content is the PostgreSQL password ({@code store_password_file}), or null
 * @param environment  the process environment, read for {@code PGUSER}, {@code PGPASSWORD} and {@code PGPASSFILE}
 */
public record StoreSettings(int poolSize, Path passwordFile, Map<String, String> environment) {

    public static final int DEFAULT_POOL_SIZE = 8;

    public StoreSettings {
        if (poolSize < 1) throw new IllegalArgumentException("the store pool size must be at least 1, got " + poolSize);
        environment = Map.copyOf(environment);
    }

    /** The default pool size, no password file, this process's environment. */
    public static StoreSettings defaults() {
        return new StoreSettings(DEFAULT_POOL_SIZE, null, System.getenv());
    }
}
