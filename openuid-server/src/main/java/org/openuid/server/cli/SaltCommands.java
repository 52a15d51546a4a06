package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code openuid admin salts rotate|show}: rotates salt buckets now, as the scheduled job does (docs/configuration.md,
 * "Salt rotation"), through the admin API (docs/admin.md). Other operators reload the salts within a poll interval.
 */
@Command(name = "salts", mixinStandardHelpOptions = true, description = "Rotate salt buckets.")
final class SaltCommands {

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Rotate salt buckets now: the oldest buckets that are at least salt_rotation_min_age_days old.",
                    "On a fresh store no bucket is that old yet, so nothing rotates; the answer says when the first become eligible."})
    int rotate(@Mixin AdminClientOptions ao,
               @Option(names = "--fraction", description = "Share of all buckets to rotate, 0 to 1 (default: salt_rotation_fraction).")
               Double fraction,
               @Option(names = "--min-age-days", paramLabel = "DAYS",
                       description = "Rotate buckets at least this old (default: salt_rotation_min_age_days). Rotating young buckets"
                               + " again breaks the link (the previous raw UID) advertisers use to follow a rotation.")
               Integer minAgeDays) {
        if (fraction != null && !(fraction >= 0 && fraction <= 1))
            throw new IllegalArgumentException("--fraction must be between 0 and 1, got " + fraction);
        if (minAgeDays != null && minAgeDays < 0)
            throw new IllegalArgumentException("--min-age-days must not be negative, got " + minAgeDays);
        ObjectNode body = AdminApiClient.JSON.createObjectNode();
        if (fraction != null) body.put("fraction", fraction);
        if (minAgeDays != null) body.put("min_age_days", minAgeDays);
        JsonNode answer = ao.client().post("/salts/rotate", body);
        if (ao.output().json() || !answer.has("note")) {
            ao.output().object(answer);
        } else {
            ObjectNode counts = answer.deepCopy();
            String note = counts.remove("note").asText();
            ao.output().object(counts);
            ao.output().note("Note: " + note + ".");
        }
        return 0;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the salt buckets' rotation state.")
    int show(@Mixin AdminClientOptions ao) {
        ao.output().object(ao.client().get("/salts"));
        return 0;
    }
}
