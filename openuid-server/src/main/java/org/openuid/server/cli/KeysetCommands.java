package org.openuid.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code openuid admin keyset create|update|list}: keysets and their sharing allow-lists (docs/keys.md), through the
 * admin API (docs/admin.md). Running operators pick changes up within a poll interval; SDKs at their next key refresh.
 */
@Command(name = "keyset", mixinStandardHelpOptions = true, description = "Create, change and list keysets.")
final class KeysetCommands {
    static final String[] COLUMNS = {"keyset_id", "site_id", "name", "allowed_sites", "enabled", "default"};

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a keyset with one active key for a site, optionally shared with other sites.")
    int create(@Mixin AdminClientOptions ao,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name") String name,
               @Option(names = "--allowed-site", description = "Site allowed to decrypt with this keyset (repeatable).") List<Integer> allowed,
               @Option(names = "--allow-all-readers", description = "No allow-list: every ID_READER may decrypt (allowed_sites null).") boolean open,
               @Option(names = "--default", description = "Make it the site's default keyset (encrypts its tokens).") boolean makeDefault) {
        if (open && allowed != null) throw new IllegalArgumentException("--allow-all-readers and --allowed-site exclude each other");
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("site_id", siteId).put("default", makeDefault);
        if (name != null) body.put("name", name);
        if (open) body.putNull("allowed_sites");
        else ints(body.putArray("allowed_sites"), allowed);
        ao.output().object(withoutKeys(ao.client().post("/keysets", body)));
        return 0;
    }

    /** How the allow-list changes: replaced, extended/reduced, or removed. */
    static final class AclChange {
        @Option(names = "--allowed-site", description = "Replace the allow-list with these sites (repeatable).")
        List<Integer> replace;
        @Option(names = "--add-allowed-site", description = "Add a site to the allow-list (repeatable).")
        List<Integer> add;
        @Option(names = "--remove-allowed-site", description = "Remove a site from the allow-list (repeatable).")
        List<Integer> remove;
        @Option(names = "--allow-all-readers", description = "Remove the allow-list: every ID_READER may decrypt.")
        boolean open;
        @Option(names = "--allow-none", description = "Empty allow-list: only the owning site.")
        boolean none;
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change a keyset's allow-list, enable or disable it, or make it its site's default.")
    int update(@Mixin AdminClientOptions ao,
               @Parameters(paramLabel = "KEYSET_ID") int keysetId,
               @ArgGroup(exclusive = false) AclChange acl,
               @Option(names = "--enable", description = "Enable the keyset.") boolean enable,
               @Option(names = "--disable", description = "Disable the keyset: its keys are no longer downloaded or used.") boolean disable,
               @Option(names = "--default", description = "Make it the site's default keyset.") boolean makeDefault,
               @Option(names = "--no-default", description = "Remove the default flag.") boolean noDefault) {
        if (enable && disable) throw new IllegalArgumentException("--enable and --disable exclude each other");
        if (makeDefault && noDefault) throw new IllegalArgumentException("--default and --no-default exclude each other");
        AclChange a = acl == null ? new AclChange() : acl;
        int forms = (a.replace != null ? 1 : 0) + (a.open ? 1 : 0) + (a.none ? 1 : 0);
        if (forms > 1) throw new IllegalArgumentException("use only one of --allowed-site, --allow-all-readers, --allow-none");
        ObjectNode body = AdminApiClient.JSON.createObjectNode();
        if (a.open) body.putNull("allowed_sites");
        else if (a.none) body.putArray("allowed_sites");
        else if (a.replace != null) ints(body.putArray("allowed_sites"), a.replace);
        if (a.add != null) ints(body.putArray("add_allowed_sites"), a.add);
        if (a.remove != null) ints(body.putArray("remove_allowed_sites"), a.remove);
        if (enable || disable) body.put("enabled", enable);
        if (makeDefault || noDefault) body.put("default", makeDefault);
        ao.output().object(withoutKeys(ao.client().patch("/keysets/" + keysetId, body)));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keysets.")
    int list(@Mixin AdminClientOptions ao, @Option(names = "--site", description = "Only this site's keysets.") Integer siteId) {
        ao.output().list(ao.client().get("/keysets" + (siteId == null ? "" : "?site_id=" + siteId)), "keysets", COLUMNS);
        return 0;
    }

    private static void ints(ArrayNode a, List<Integer> values) {
        if (values != null) values.forEach(a::add);
    }

    /** A keyset answer without its key list (listed by {@code openuid admin keys list}). */
    private static ObjectNode withoutKeys(com.fasterxml.jackson.databind.JsonNode answer) {
        ObjectNode copy = ((ObjectNode) answer).deepCopy();
        copy.remove("keys");
        return copy;
    }
}
