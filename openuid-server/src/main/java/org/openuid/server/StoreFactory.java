package org.openuid.server;

import org.openuid.server.config.OperatorConfig;
import org.openuid.store.PrivateFiles;
import org.openuid.store.SecretSealer;
import org.openuid.store.Store;
import org.openuid.store.StoreSettings;
import org.openuid.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the configured store: the embedded database lives in the store directory, PostgreSQL is a URL. Secrets at
 * rest are sealed with the key from {@code secrets_key} (Base64, e.g. from the environment), else
 * {@code secrets_key_file}, else, for the embedded store, {@code <store>/secrets.key} (created on first use). The
 * salts are sealed with the same key; clear ones are sealed when the store is opened with it.
 */
public final class StoreFactory {
    /** Name of the key file created beside an embedded store. */
    public static final String EMBEDDED_KEY_FILE = "secrets.key";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFactory.class);

    private StoreFactory() {}

    /** Opens (creating when needed) the store; used by the server and by import. */
    public static Store open(OperatorConfig config) {
        if (config.isEmbeddedStore()) embeddedDirectory(config);
        SecretSealer sealer = sealer(config);
        Store store = Stores.open(config.store(), settings(config), sealer);
        // said once the store is open, so that a store that cannot be opened gets only its own error
        if (!sealer.enabled()) {
            LOG.warn("no secrets key configured (secrets_key or secrets_key_file): this node stores client secrets, key secrets,"
                    + " CSTG private keys and salts unsealed, and cannot read those a node with a key has sealed; give every node"
                    + " the same OPENUID_SECRETS_KEY (docs/deployment.md, \"Secrets\")");
        }
        return store;
    }

    /**
     * The embedded store's directory, created when missing, made private: mode 700, and every file in it 600 (the
     * database, the secrets key, the demo credentials). Only for the embedded store.
     */
    public static Path embeddedDirectory(OperatorConfig config) {
        Path dir = Path.of(config.store()).toAbsolutePath().normalize();
        PrivateFiles.tighten(dir);
        return dir;
    }

    /** Opens an existing store; an embedded store that was never created is an error, not a new empty store. */
    public static Store openExisting(OperatorConfig config) {
        if (config.isEmbeddedStore() && !Files.isDirectory(Path.of(config.store())))
            throw new IllegalArgumentException("no store at " + config.store()
                    + ": start the operator once (openuid serve) or import a data set first, or pass --store");
        return open(config);
    }

    /** Pool size and PostgreSQL password file from the configuration; PGUSER, PGPASSWORD, PGPASSFILE from the environment. */
    static StoreSettings settings(OperatorConfig config) {
        String passwordFile = config.storeConnection().passwordFile();
        return new StoreSettings(config.storeConnection().poolSize(),
                passwordFile.isEmpty() ? null : Path.of(passwordFile), System.getenv());
    }

    static SecretSealer sealer(OperatorConfig config) {
        SecretSealer sealer = keySealer(config);
        if (config.otherSecretsKeys().isEmpty()) return sealer;
        if (!sealer.enabled())
            throw new IllegalArgumentException("other_secrets_keys needs a secrets key (secrets_key or secrets_key_file) to seal under");
        try {
            return sealer.withOtherKeys(config.otherSecretsKeys());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("other_secrets_keys: each key must be the Base64 of 32 bytes");
        }
    }

    private static SecretSealer keySealer(OperatorConfig config) {
        if (!config.secretsKey().isEmpty()) return SecretSealer.fromBase64(config.secretsKey());
        if (!config.secretsKeyFile().isEmpty()) return SecretSealer.fromKeyFile(Path.of(config.secretsKeyFile()), false);
        if (config.isEmbeddedStore()) return SecretSealer.fromKeyFile(Path.of(config.store()).resolve(EMBEDDED_KEY_FILE), true);
        return SecretSealer.none();
    }
}
