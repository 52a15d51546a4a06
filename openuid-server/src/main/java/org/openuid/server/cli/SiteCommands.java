package org.openuid.server.cli;

import org.openuid.core.model.Keyset;
import org.openuid.core.model.Site;
import org.openuid.store.KeyFactory;
import org.openuid.store.Store;
import org.openuid.server.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;

/** {@code openuid admin site create|list}. */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Create and list sites.")
final class SiteCommands {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a site with its own default keyset and key.")
    int create(@Mixin StoreOptions so,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--domain", description = "Allowed web domain for client-side tokens (repeatable).") List<String> domains,
               @Option(names = "--app", description = "Allowed mobile app id for client-side tokens (repeatable).") List<String> apps)
            throws Exception {
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            long now = System.currentTimeMillis() / 1000;
            int siteId = store.nextSiteId();
            store.upsertSite(new Site(siteId, name, true, domains, apps, now));
            int keysetId = store.nextKeysetId();
            store.upsertKeyset(new Keyset(keysetId, siteId, name + " default", List.of(), now, true, true));
            store.insertKey(KeyFactory.newKey(store.nextKeyId(), keysetId, now));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("site_id", siteId);
            out.put("name", name);
            out.put("domain_names", domains == null ? List.of() : domains);
            out.put("app_names", apps == null ? List.of() : apps);
            out.put("default_keyset_id", keysetId);
            AdminCommand.print(out);
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sites.")
    int list(@Mixin StoreOptions so) throws Exception {
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Site s : store.loadAll().sites()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("site_id", s.id());
                m.put("name", s.name());
                m.put("enabled", s.enabled());
                m.put("domain_names", s.domainNames());
                m.put("app_names", s.appNames());
                out.add(m);
            }
            AdminCommand.print(out);
        }
        return 0;
    }
}
