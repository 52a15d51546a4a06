package org.openuid.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code openuid admin keypair create|disable|enable|list}: client-side token generation keypairs, through the admin
 * API (docs/admin.md). Only the subscription id and the public key are printed; the private key stays in the store.
 */
@Command(name = "keypair", mixinStandardHelpOptions = true, description = "Manage client-side (CSTG) keypairs.")
final class KeypairCommands {
    static final String[] COLUMNS = {"subscription_id", "site_id", "name", "disabled", "public_key"};

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a keypair for a site; prints the subscription id and public key for the publisher.")
    int create(@Mixin AdminClientOptions ao,
               @Option(names = "--site", required = true) int siteId,
               @Option(names = "--name") String name,
               @Option(names = "--contact") String contact) {
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("site_id", siteId);
        if (name != null) body.put("name", name);
        if (contact != null) body.put("contact", contact);
        ao.output().object(ao.client().post("/keypairs", body));
        return 0;
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable a keypair: its requests answer 401.")
    int disable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SUBSCRIPTION_ID") String subscriptionId) {
        ao.output().object(ao.client().post("/keypairs/" + AdminApiClient.segment(subscriptionId) + "/disable", null));
        return 0;
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled keypair again.")
    int enable(@Mixin AdminClientOptions ao, @Parameters(paramLabel = "SUBSCRIPTION_ID") String subscriptionId) {
        ao.output().object(ao.client().post("/keypairs/" + AdminApiClient.segment(subscriptionId) + "/enable", null));
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keypairs (without private keys).")
    int list(@Mixin AdminClientOptions ao, @Option(names = "--site", description = "Only this site's keypairs.") Integer siteId) {
        ao.output().list(ao.client().get("/keypairs" + (siteId == null ? "" : "?site_id=" + siteId)), "keypairs", COLUMNS);
        return 0;
    }
}
