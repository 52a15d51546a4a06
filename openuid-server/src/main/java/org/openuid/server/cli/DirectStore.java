package org.openuid.server.cli;

import org.openuid.server.RunningNode;
import org.openuid.server.StoreFactory;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.Store;
import org.openuid.store.StoreInUseException;

import java.nio.file.Path;

/**
 * Opens the store for the commands that work on it directly ({@code openuid import}, {@code admin optout import},
 * {@code admin token reset}). An embedded store belongs to one process at a time: while a node runs on it they stop
 * with a message saying so (and what to do instead) rather than with the database's own error. PostgreSQL stores are
 * shared and open as always.
 */
final class DirectStore {
    private DirectStore() {}

    /**
     * @param existing whether the store must exist already (else it is created)
     * @param instead  what to do instead while a node runs (appended to the message; may be empty)
     */
    static Store open(OperatorConfig config, boolean existing, String instead) {
        if (config.isEmbeddedStore()) {
            Path dir = Path.of(config.store());
            RunningNode.find(dir).ifPresent(node -> {
                throw new IllegalArgumentException(RunningNode.inUse(dir, node.pid()) + instead);
            });
        }
        try {
            return existing ? StoreFactory.openExisting(config) : StoreFactory.open(config);
        } catch (StoreInUseException e) {
            throw new IllegalArgumentException(e.getMessage() + instead);
        }
    }
}
