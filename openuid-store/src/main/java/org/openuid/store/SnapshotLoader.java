package org.openuid.store;

import org.openuid.core.service.ServiceLinks;
import org.openuid.core.service.Snapshot;

/** Builds the operator's immutable {@link Snapshot} from one consistent read of the store. */
public final class SnapshotLoader {
    private SnapshotLoader() {}

    public static Snapshot load(Store store) {
        return from(store.loadAll());
    }

    public static Snapshot from(StoreData d) {
        return new Snapshot(d.changeVersion(), d.runtimeConfig(), d.saltMetadata(), d.salts(), d.sites(),
                d.clients(), d.keysets(), d.keys(), d.keypairs(), new ServiceLinks(d.services(), d.serviceLinks()));
    }
}
