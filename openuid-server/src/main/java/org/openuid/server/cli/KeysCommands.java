package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openuid admin keys rotate|list}: run the key rotation now (as the scheduled job does, docs/keys.md, under the
 * same cross-node lock) and list keyset keys, through the admin API (docs/admin.md). Secrets are never printed.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Rotate and list encryption keys.")
final class KeysCommands {
    static final String[] COLUMNS = {"key_id", "keyset_id", "state", "activates_at", "expires_at"};

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Create the keys that are due and delete keys whose tokens have all expired.")
    int rotate(@Mixin AdminClientOptions ao,
               @Option(names = "--dry-run", description = "Show what would change without changing anything.") boolean dryRun,
               @Option(names = "--force", description = "Give every keyset a successor now, even if none is due; it "
                       + "activates one key_activation_lead_minutes later, as scheduled successors do.") boolean force) {
        JsonNode answer = ao.client().post("/keys/rotate",
                AdminApiClient.JSON.createObjectNode().put("dry_run", dryRun).put("force", force));
        AdminOutput out = ao.output();
        if (out.json()) {
            out.object(answer);
        } else if (dryRun) {
            out.note("Would create " + answer.get("would_create").size() + " keys and delete " + answer.get("would_delete").size() + ".");
            out.list(answer, "would_create", "keyset_id", "activates_at", "expires_at");
        } else {
            out.note("Created " + answer.get("created").size() + " keys, deleted " + answer.get("deleted").size() + ".");
            out.list(answer, "created", COLUMNS);
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and times, no secrets).")
    int list(@Mixin AdminClientOptions ao, @Option(names = "--keyset", description = "Only this keyset's keys.") Integer keysetId) {
        ao.output().list(ao.client().get("/keys" + (keysetId == null ? "" : "?keyset_id=" + keysetId)), "keys", COLUMNS);
        return 0;
    }
}
