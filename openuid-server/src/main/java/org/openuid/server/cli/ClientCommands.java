package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * {@code openuid admin client create|list|show|disable|enable|rotate-secret}, through the admin API (docs/admin.md).
 * The API key and secret are printed once, at creation; a rotated secret once, at rotation.
 */
@Command(name = "client", mixinStandardHelpOptions = true,
        description = "Create, list, disable and enable API client keys, and rotate their secrets.")
final class ClientCommands {
    static final String[] COLUMNS = {"key_id", "site_id", "name", "roles", "disabled"};

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an API key and secret for a site; they are printed once and stored only hashed (key).")
    int create(@Mixin AdminClientOptions ao,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name", required = true) String name,
               @Option(names = "--role", required = true, description = "GENERATOR, MAPPER, ID_READER, SHARER or OPTOUT (repeatable).") List<String> roles,
               @Option(names = "--service", description = "The service this key belongs to (see 'admin service').") Integer serviceId) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("site_id", siteId).put("name", name);
        if (serviceId != null) body.put("service_id", serviceId);
        roles.forEach(body.putArray("roles")::add);
        AdminOutput out = ao.output();
        out.object(ao.client().post("/clients", body));
        out.note("The key and secret are shown only this once: store them safely now.");
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API clients (never their keys or secrets).")
    int list(@Mixin AdminClientOptions ao, @Option(names = "--site", description = "Only this site's clients.") Integer siteId) {
        ao.output().list(ao.client().get("/clients" + (siteId == null ? "" : "?site_id=" + siteId)), "clients", COLUMNS);
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one API client.")
    int show(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "KEY_ID") String keyId) {
        ao.output().object(ao.client().get("/clients/" + AdminApiClient.segment(keyId)));
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an API client: its key gets 401 from then on.")
    int disable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "KEY_ID") String keyId) {
        ao.output().object(ao.client().post("/clients/" + AdminApiClient.segment(keyId) + "/disable", null));
        return 0;
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Re-enable a disabled API client.")
    int enable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "KEY_ID") String keyId) {
        ao.output().object(ao.client().post("/clients/" + AdminApiClient.segment(keyId) + "/enable", null));
        return 0;
    }

    @Command(name = "rotate-secret", mixinStandardHelpOptions = true,
            description = "Give an API client a new secret (printed once); the old secret stops working.")
    int rotateSecret(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "KEY_ID") String keyId) {
        JsonNode answer = ao.client().post("/clients/" + AdminApiClient.segment(keyId) + "/rotate-secret", null);
        AdminOutput out = ao.output();
        out.object(answer);
        out.note("The new secret is shown only this once: store it safely now.");
        return 0;
    }
}
