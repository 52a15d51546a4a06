package org.openuid.server.cli;

import org.openuid.core.model.ClientKey;
import org.openuid.core.model.Role;
import org.openuid.store.ApiKeys;
import org.openuid.store.NewClientKey;
import org.openuid.store.Store;
import org.openuid.server.StoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code openuid admin client create|list|disable|enable}. API keys are shown once, at creation. */
@Command(name = "client", mixinStandardHelpOptions = true, description = "Create, list, disable and enable API clients.")
final class ClientCommands {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and secret for a site; they are printed once and stored only hashed (key).")
    int create(@Mixin StoreOptions so,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--role", required = true, description = "GENERATOR, MAPPER, ID_READER, SHARER or OPTOUT (repeatable).") List<String> roleNames)
            throws Exception {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : roleNames) {
            Role role = Role.parse(r);
            if (role == Role.UNKNOWN) throw new IllegalArgumentException("unknown role '" + r + "': use GENERATOR, MAPPER, ID_READER, SHARER or OPTOUT");
            roles.add(role);
        }
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            if (store.site(siteId).isEmpty()) throw new IllegalArgumentException("site " + siteId + " does not exist");
            NewClientKey created = ApiKeys.create(siteId, name, roles, System.currentTimeMillis() / 1000);
            store.upsertClient(created.client());
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key_id", created.client().keyId());
            out.put("site_id", siteId);
            out.put("name", name);
            out.put("roles", new TreeSet<>(roles.stream().map(Enum::name).toList()));
            out.put("key", created.apiKey());
            out.put("secret", created.secretBase64());
            AdminCommand.print(out);
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API clients (never their keys or secrets).")
    int list(@Mixin StoreOptions so) throws Exception {
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ClientKey c : store.loadAll().clients()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key_id", c.keyId());
                m.put("site_id", c.siteId());
                m.put("name", c.name());
                m.put("roles", new TreeSet<>(c.roles().stream().map(Enum::name).toList()));
                m.put("disabled", c.disabled());
                out.add(m);
            }
            AdminCommand.print(out);
        }
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an API client: its key gets 401 from then on.")
    int disable(@Mixin StoreOptions so, @Parameters(paramLabel = "KEY_ID") String keyId) throws Exception {
        return setDisabled(so, keyId, true);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Re-enable a disabled API client.")
    int enable(@Mixin StoreOptions so, @Parameters(paramLabel = "KEY_ID") String keyId) throws Exception {
        return setDisabled(so, keyId, false);
    }

    private static int setDisabled(StoreOptions so, String keyId, boolean disabled) throws Exception {
        try (Store store = StoreFactory.openExisting(so.config(Map.of()))) {
            ClientKey c = store.clientByKeyId(keyId)
                    .orElseThrow(() -> new IllegalArgumentException("no client with key id '" + keyId + "'"));
            store.upsertClient(new ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(), c.name(), c.contact(),
                    c.created(), c.roles(), c.siteId(), disabled, c.serviceId()));
            AdminCommand.print(Map.of("key_id", keyId, "disabled", disabled));
        }
        return 0;
    }
}
