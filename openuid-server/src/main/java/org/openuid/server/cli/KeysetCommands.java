package org.openuid.server.cli;

import org.openuid.core.model.Keyset;
import org.openuid.store.KeyFactory;
import org.openuid.store.Store;
import org.openuid.server.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code openuid admin keyset create}. */
@Command(name = "keyset", mixinStandardHelpOptions = true, description = "Create keysets.")
final class KeysetCommands {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a keyset with one active key for a site, optionally shared with other sites.")
    int create(@Mixin StoreOptions so,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name") String name,
               @Option(names = "--allowed-site", description = "Site allowed to decrypt with this keyset (repeatable).") List<Integer> allowed,
               @Option(names = "--default", description = "Make it the site's default keyset (encrypts its tokens).") boolean makeDefault)
            throws Exception {
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
            long now = System.currentTimeMillis() / 1000;
            if (makeDefault) {
                for (Keyset k : store.loadAll().keysets()) {
                    if (k.siteId() == siteId && k.isDefault())
                        store.upsertKeyset(new Keyset(k.keysetId(), k.siteId(), k.name(), k.allowedSites(), k.created(), k.enabled(), false));
                }
            }
            int keysetId = store.nextKeysetId();
            String label = name != null ? name : "Keyset " + keysetId + " of site " + siteId;
            store.upsertKeyset(new Keyset(keysetId, siteId, label, allowed == null ? List.of() : allowed, now, true, makeDefault));
            int keyId = store.nextKeyId();
            store.insertKey(KeyFactory.newKey(keyId, keysetId, now));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("keyset_id", keysetId);
            out.put("site_id", siteId);
            out.put("name", label);
            out.put("allowed_sites", allowed == null ? List.of() : allowed);
            out.put("default", makeDefault);
            out.put("key_id", keyId);
            AdminCommand.print(out);
        }
        return 0;
    }
}
