package org.openuid.server;

import org.openuid.server.config.OperatorConfig;
import org.openuid.store.Store;
import org.openuid.store.Stores;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the configured store: the embedded database lives in the store directory, PostgreSQL is a URL. */
public final class StoreFactory {
    private StoreFactory() {}

    /** Opens (creating when needed) the store; used by the server and by import. */
    public static Store open(OperatorConfig config) {
        if (config.isEmbeddedStore()) {
            try {
                Files.createDirectories(Path.of(config.store()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the store directory " + config.store(), e);
            }
        }
        return Stores.open(config.store());
    }

    /** Opens an existing store; an embedded store that was never created is an error, not a new empty store. */
    public static Store openExisting(OperatorConfig config) {
        if (config.isEmbeddedStore() && !Files.isDirectory(Path.of(config.store())))
            throw new IllegalArgumentException("no store at " + config.store()
                    + ": start the operator once (openuid serve) or import a data set first, or pass --store");
        return Stores.open(config.store());
    }
}
