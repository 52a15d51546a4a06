package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code openuid admin site create|list|show|update|set-domains|set-apps}, through the admin API (docs/admin.md).
 * Web domains are reduced to their registrable domain, the form the client-side origin check compares.
 */
@Command(name = "site", mixinStandardHelpOptions = true, description = "Create, list and change sites.")
final class SiteCommands {
    static final String[] COLUMNS = {"site_id", "name", "enabled", "domain_names", "app_names"};

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a site with its own default keyset and key.")
    int create(@Mixin AdminClientOptions ao,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--domain", description = "Allowed web domain for client-side tokens (repeatable).") List<String> domains,
               @Option(names = "--app", description = "Allowed mobile app id for client-side tokens (repeatable).") List<String> apps) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("name", name);
        strings(body.putArray("domain_names"), domains);
        strings(body.putArray("app_names"), apps);
        printSite(ao.output(), ao.client().post("/sites", body));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List sites.")
    int list(@Mixin AdminClientOptions ao) {
        ao.output().list(ao.client().get("/sites"), "sites", COLUMNS);
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one site.")
    int show(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SITE_ID") int siteId) {
        ao.output().object(ao.client().get("/sites/" + siteId));
        return 0;
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Rename, enable or disable a site.")
    int update(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SITE_ID") int siteId,
               @Option(names = "--name") String name,
               @Option(names = "--enable", description = "Enable the site.") boolean enable,
               @Option(names = "--disable", description = "Disable the site.") boolean disable) {
        if (enable && disable) throw new IllegalArgumentException("--enable and --disable exclude each other");
        ObjectNode body = AdminApiClient.JSON.createObjectNode();
        if (name != null) body.put("name", name);
        if (enable || disable) body.put("enabled", enable);
        if (body.isEmpty()) throw new IllegalArgumentException("nothing to change: use --name, --enable or --disable");
        ao.output().object(ao.client().patch("/sites/" + siteId, body));
        return 0;
    }

    @Command(name = "set-domains", mixinStandardHelpOptions = true,
            description = "Replace the site's web domains for client-side tokens (each reduced to its registrable domain; none = clear).")
    int setDomains(@Mixin AdminClientOptions ao,
                   @Parameters(index = "0", paramLabel = "SITE_ID") int siteId,
                   @Parameters(index = "1..*", paramLabel = "DOMAIN", arity = "0..*") List<String> domains) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode();
        strings(body.putArray("domain_names"), domains);
        printSite(ao.output(), ao.client().patch("/sites/" + siteId, body));
        return 0;
    }

    @Command(name = "set-apps", mixinStandardHelpOptions = true,
            description = "Replace the site's mobile app ids for client-side tokens (none = clear).")
    int setApps(@Mixin AdminClientOptions ao,
                @Parameters(index = "0", paramLabel = "SITE_ID") int siteId,
                @Parameters(index = "1..*", paramLabel = "APP", arity = "0..*") List<String> apps) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode();
        strings(body.putArray("app_names"), apps);
        ao.output().object(ao.client().patch("/sites/" + siteId, body));
        return 0;
    }

    /** A site answer; for people, each domain stored in another form than given as a line of its own. */
    static void printSite(AdminOutput out, JsonNode answer) {
        if (out.json()) {
            out.object(answer);
            return;
        }
        ObjectNode site = ((ObjectNode) answer).deepCopy();
        JsonNode changes = site.remove("domain_name_changes");
        out.object(site);
        if (changes != null)
            for (JsonNode c : changes) out.note(c.get("given").asText() + " stored as " + c.get("stored").asText() + " (registrable domain)");
    }

    static void strings(ArrayNode a, List<String> values) {
        if (values != null) values.forEach(a::add);
    }
}
