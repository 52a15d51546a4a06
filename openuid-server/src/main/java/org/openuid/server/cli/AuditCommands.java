package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openuid admin audit list}: the audit log of administrative changes, newest first (docs/admin.md). */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Show the audit log of administrative changes.")
final class AuditCommands {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List audit entries, newest first.")
    int list(@Mixin AdminClientOptions ao,
             @Option(names = "--limit", defaultValue = "50", description = "Entries to show, 1 to 500 (default: ${DEFAULT-VALUE}).") int limit,
             @Option(names = "--before", description = "Only entries older than this sequence number (paging).") Long before) {
        JsonNode page = ao.client().get("/audit?limit=" + limit + (before == null ? "" : "&before=" + before));
        AdminOutput out = ao.output();
        if (out.json()) {
            out.object(page);
            return 0;
        }
        for (JsonNode e : page.get("entries")) ((ObjectNode) e).put("details", e.get("details").toString());
        out.list(page, "entries", "sequence", "at", "actor_id", "operation", "target_type", "target_id", "details");
        if (page.hasNonNull("next_before")) out.note("Older entries: --before " + page.get("next_before").asLong());
        return 0;
    }
}
