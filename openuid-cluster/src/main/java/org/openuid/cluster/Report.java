package org.openuid.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of a scenario, judged against the goals, written as JSON and as a Markdown section. */
final class Report {
    private Report() {}

    static double seconds(long startNanos) { return (System.nanoTime() - startNanos) / 1e9; }

    /** Failures of one kind: where, what, how many, when (first and last), and whether inside a fault's window. */
    record FailureGroup(String endpoint, String what, int count, long firstMs, long lastMs, String fault) {}

    record Result(String scenario, String description, String profile, Map<String, long[]> byEndpoint, long sent, long failed,
                  int optOutsAcknowledged, long optOutsRefused, int optOutsHonoured, List<String> optOutsLost, int statusNotComparable,
                  Map<String, Double> timings, List<String> events, List<FailureGroup> failures, boolean zeroFailuresGoal) {

        static Result of(Scenario s, Profile p, ScenarioRun run, Verifier.OptOutCheck check) {
            return new Result(s.name(), s.description(), p.name(), run.tally.byEndpoint(), run.tally.totalSent(), run.tally.totalFailed(),
                    check.acknowledged(), run.ledger.refusedCount(), check.honouredEverywhere(), check.lost(), check.statusNotComparable(), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(run.timings)),
                    List.copyOf(run.events), group(run.tally.failures(), run.faults), s.zeroFailuresGoal());
        }

        /** Failures outside every fault's window (plus 2 s for requests in flight when it ended). */
        long failedOutsideFaults() {
            return failures.stream().filter(f -> f.fault() == null).mapToLong(FailureGroup::count).sum();
        }

        boolean goalsMet() {
            if (!optOutsLost.isEmpty()) return false;
            return zeroFailuresGoal ? failed == 0 : failedOutsideFaults() == 0;
        }

        String goal() {
            return zeroFailuresGoal ? "zero failed requests, zero acknowledged opt-outs lost"
                    : "failures only while a fault lasts, zero acknowledged opt-outs lost";
        }
    }

    private static List<FailureGroup> group(List<Tally.Failure> failures, List<ScenarioRun.Window> faults) {
        Map<String, List<Tally.Failure>> groups = new LinkedHashMap<>();
        for (Tally.Failure f : failures) {
            String fault = faultOf(f.atMs(), faults);
            groups.computeIfAbsent(f.endpoint() + "\u0000" + f.what() + "\u0000" + fault, k -> new ArrayList<>()).add(f);
        }
        List<FailureGroup> out = new ArrayList<>();
        for (List<Tally.Failure> g : groups.values()) {
            Tally.Failure first = g.get(0);
            out.add(new FailureGroup(first.endpoint(), first.what(), g.size(), first.atMs(), g.get(g.size() - 1).atMs(),
                    faultOf(first.atMs(), faults)));
        }
        return out;
    }

    private static String faultOf(long atMs, List<ScenarioRun.Window> faults) {
        for (ScenarioRun.Window w : faults) if (atMs >= w.fromMs() && atMs <= w.toMs() + 2_000) return w.what();
        return null;
    }

    static ObjectNode json(Result r) {
        ObjectNode o = V2Client.JSON.createObjectNode();
        o.put("scenario", r.scenario()).put("description", r.description()).put("profile", r.profile());
        o.put("goal", r.goal()).put("goals_met", r.goalsMet());
        o.put("requests_sent", r.sent()).put("requests_failed", r.failed()).put("failed_outside_faults", r.failedOutsideFaults());
        ObjectNode ep = o.putObject("by_endpoint");
        r.byEndpoint().forEach((e, n) -> ep.putObject(e).put("sent", n[0]).put("failed", n[1]));
        o.putObject("optouts").put("acknowledged", r.optOutsAcknowledged()).put("refused", r.optOutsRefused())
                .put("honoured_on_every_node", r.optOutsHonoured()).put("lost", r.optOutsLost().size())
                .put("checked_by_token_generation_only", r.statusNotComparable());
        ArrayNode lost = o.putArray("optouts_lost");
        r.optOutsLost().forEach(lost::add);
        ObjectNode t = o.putObject("timings_seconds");
        r.timings().forEach(t::put);
        ArrayNode ev = o.putArray("events");
        r.events().forEach(ev::add);
        ArrayNode fl = o.putArray("failures");
        for (FailureGroup f : r.failures()) {
            fl.addObject().put("endpoint", f.endpoint()).put("what", f.what()).put("count", f.count())
                    .put("first_s", f.firstMs() / 1000.0).put("last_s", f.lastMs() / 1000.0).put("during", f.fault());
        }
        return o;
    }

    static String markdown(Result r) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(r.scenario()).append(" (").append(r.profile()).append(" profile)\n\n")
                .append(r.description()).append("\n\n")
                .append("Goal: ").append(r.goal()).append(". **").append(r.goalsMet() ? "Met" : "Not met").append("**.\n\n")
                .append("| Endpoint | Sent | Failed |\n| --- | ---: | ---: |\n");
        r.byEndpoint().forEach((e, n) -> b.append("| `").append(e).append("` | ").append(n[0]).append(" | ").append(n[1]).append(" |\n"));
        b.append("| **all** | ").append(r.sent()).append(" | ").append(r.failed()).append(" |\n\n");
        b.append("Opt-outs: ").append(r.optOutsAcknowledged()).append(" acknowledged, ").append(r.optOutsHonoured())
                .append(" honoured afterwards on every node, ").append(r.optOutsLost().size()).append(" lost; ")
                .append(r.optOutsRefused()).append(" refused (not acknowledged).");
        if (r.statusNotComparable() > 0)
            b.append(" ").append(r.statusNotComparable()).append(" were mapped and opted out across a salt rotation, so the raw UID the "
                    + "bench holds may be the previous one: they were checked by token generation (answers `optout`) only.");
        b.append("\n\n");
        if (!r.timings().isEmpty()) {
            b.append("| Time | Seconds |\n| --- | ---: |\n");
            r.timings().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(String.format("%.2f", v)).append(" |\n"));
            b.append('\n');
        }
        if (!r.failures().isEmpty()) {
            b.append("| Failed | Count | When (s) | During |\n| --- | ---: | --- | --- |\n");
            for (FailureGroup f : r.failures()) {
                b.append("| `").append(f.endpoint()).append("`: ").append(f.what().replace("|", "/")).append(" | ").append(f.count())
                        .append(" | ").append(String.format("%.1f–%.1f", f.firstMs() / 1000.0, f.lastMs() / 1000.0))
                        .append(" | ").append(f.fault() == null ? "outside any fault" : f.fault()).append(" |\n");
            }
            b.append('\n');
        }
        b.append("Events:\n\n");
        for (String e : r.events()) b.append("* ").append(e).append('\n');
        if (!r.optOutsLost().isEmpty()) {
            b.append("\nLost opt-outs:\n\n");
            r.optOutsLost().stream().limit(20).forEach(l -> b.append("* ").append(l).append('\n'));
        }
        return b.append('\n').toString();
    }

    static void write(Path dir, Result r) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(r.scenario() + ".json"),
                V2Client.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)) + "\n");
        Files.writeString(dir.resolve(r.scenario() + ".md"), markdown(r));
    }
}
