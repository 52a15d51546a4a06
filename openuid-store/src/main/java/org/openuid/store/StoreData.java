package org.openuid.store;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;

import java.util.List;

/** Everything the operator's snapshot is built from (all but opt-outs), read in one consistent transaction. */
public record StoreData(long changeVersion, List<Site> sites, List<ClientKey> clients, List<Keyset> keysets,
                        List<KeysetKey> keys, List<ClientSideKeypair> keypairs, RuntimeConfig runtimeConfig,
                        SaltMetadata saltMetadata, SaltTable salts, List<Service> services,
                        List<ServiceLink> serviceLinks) {

    /** Data without services and service links. */
    public StoreData(long changeVersion, List<Site> sites, List<ClientKey> clients, List<Keyset> keysets,
                     List<KeysetKey> keys, List<ClientSideKeypair> keypairs, RuntimeConfig runtimeConfig,
                     SaltMetadata saltMetadata, SaltTable salts) {
        this(changeVersion, sites, clients, keysets, keys, keypairs, runtimeConfig, saltMetadata, salts, List.of(),
                List.of());
    }
}
