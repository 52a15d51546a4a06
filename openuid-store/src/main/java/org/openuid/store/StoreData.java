package org.openuid.store;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Site;
import org.openuid.core.uid.SaltTable;

import java.util.List;

/** Everything the operator's snapshot is built from (all but opt-outs), read in one consistent transaction. */
public record StoreData(long changeVersion, List<Site> sites, List<ClientKey> clients, List<Keyset> keysets,
                        List<KeysetKey> keys, List<ClientSideKeypair> keypairs, RuntimeConfig runtimeConfig,
                        SaltMetadata saltMetadata, SaltTable salts) {
}
