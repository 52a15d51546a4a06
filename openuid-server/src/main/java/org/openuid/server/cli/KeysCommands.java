package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

/**
 * {@code openuid admin keys rotate [--now [--keyset ID]...]|list}: run the key rotation now (as the scheduled job does,
 * docs/keys.md, under the same cross-node lock), optionally forcing new keys, and list keyset keys, through the admin API (docs/admin.md). Secrets are never printed.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Rotate and list encryption keys.")
final class KeysCommands {
    static final String[] COLUMNS = {"key_id", "keyset_id", "state", "activates_at", "expires_at"};

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Create the keys that are due and delete keys whose tokens have all expired.",
                    "With --now, also give every keyset (or each --keyset) a new key at once, e.g. after a suspected "
                            + "compromise: it activates key_activation_lead_minutes later, when every DSP that refreshes "
                            + "its keys within that lead has it; old keys stay until every token they encrypted has expired."})
    int rotate(@Mixin AdminClientOptions ao,
               @Option(names = "--dry-run", description = "Show what would change without changing anything.") boolean dryRun,
               @Option(names = "--now", description = "Create a new key for every keyset now, whether due or not.") boolean now,
               @Option(names = "--keyset", paramLabel = "KEYSET_ID",
                       description = "With --now: only this keyset (repeatable).") List<Integer> keysets) {
        if (keysets != null && !now) throw new IllegalArgumentException("--keyset is only used with --now");
        ObjectNode body = AdminApiClient.JSON.createObjectNode().put("dry_run", dryRun);
        if (now) body.put("now", true);
        if (keysets != null) keysets.forEach(body.putArray("keyset_ids")::add);
        JsonNode answer = ao.client().post("/keys/rotate", body);
        AdminOutput out = ao.output();
        if (out.json()) {
            out.object(answer);
        } else if (dryRun) {
            out.note("Would create " + answer.get("would_create").size() + " keys and delete " + answer.get("would_delete").size() + ".");
            out.list(answer, "would_create", "keyset_id", "activates_at", "expires_at");
        } else {
            out.note("Created " + answer.get("created").size() + " keys, deleted " + answer.get("deleted").size() + ".");
            out.list(answer, "created", COLUMNS);
            if (now && !answer.get("created").isEmpty())
                out.note("The new keys encrypt from their activates_at on; tokens encrypted with the old keys stay "
                        + "decryptable until they expire.");
        }
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List keys (ids and times, no secrets).")
    int list(@Mixin AdminClientOptions ao, @Option(names = "--keyset", description = "Only this keyset's keys.") Integer keysetId) {
        ao.output().list(ao.client().get("/keys" + (keysetId == null ? "" : "?keyset_id=" + keysetId)), "keys", COLUMNS);
        return 0;
    }
}
