package org.openuid.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/cluster.sh SCENARIO|all [--short] [--out DIR]}: runs scenarios, each on a fresh cluster, prints and
 * writes their figures ({@code DIR/<scenario>.json|md}, {@code DIR/summary.md}); exits 1 when a goal is not met.
 */
public final class ClusterBench {
    private ClusterBench() {}

    static List<Scenario> scenarios(Profile p) {
        boolean s = p == Profile.SHORT;
        return List.of(new RollingUpgrade(), new Rotations(), new KillNode(), new PgFailover(s ? 15_000 : 60_000),
                new NetworkCut(s ? 15_000 : 30_000), new SecretsKeyRotation());
    }

    public static void main(String[] args) throws Exception {
        try {
            System.exit(runAll(args) ? 0 : 1);
        } catch (IllegalArgumentException e) {
            System.err.println("bench/cluster.sh: " + e.getMessage());
            System.err.println("usage: bench/cluster.sh all|rolling-upgrade|rotation|kill-node|pg-failover|network|secrets-key-rotation [--short] [--out DIR]");
            System.exit(2);
        }
    }

    private static boolean runAll(String[] args) throws Exception {
        Profile profile = Profile.FULL;
        Path out = Path.of("openuid-cluster", "target", "cluster-results");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> profile = Profile.SHORT;
                case "--out" -> {
                    if (++i == args.length) throw new IllegalArgumentException("--out needs a directory");
                    out = Path.of(args[i]);
                }
                default -> names.add(args[i]);
            }
        }
        List<Scenario> all = scenarios(profile);
        List<Scenario> chosen = new ArrayList<>();
        for (String n : names) {
            if (n.equals("all")) chosen.addAll(all);
            else chosen.add(all.stream().filter(s -> s.name().equals(n)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "unknown scenario '" + n + "': one of all, " + String.join(", ", all.stream().map(Scenario::name).toList()))));
        }
        if (chosen.isEmpty()) throw new IllegalArgumentException("name a scenario: all, " + String.join(", ", all.stream().map(Scenario::name).toList()));
        Path jar = Path.of(System.getProperty("openuid.jar", "openuid-server/target/openuid.jar")).toAbsolutePath();
        StringBuilder summary = new StringBuilder();
        boolean ok = true;
        for (Scenario s : chosen) {
            Report.Result r = run(s, jar, profile, out);
            summary.append(Report.markdown(r));
            ok &= r.goalsMet();
        }
        Files.writeString(out.resolve("summary.md"), summary);
        System.out.println(summary);
        System.out.println("figures written to " + out.toAbsolutePath());
        return ok;
    }

    static Report.Result run(Scenario s, Path jar, Profile profile, Path out) throws Exception {
        Report.Result r = ScenarioRun.execute(s, jar, profile);
        Report.write(out, r);
        Cluster.log(s.name() + ": " + r.sent() + " requests, " + r.failed() + " failed, " + r.optOutsAcknowledged()
                + " opt-outs acknowledged, " + r.optOutsLost().size() + " lost: goals " + (r.goalsMet() ? "met" : "NOT met"));
        return r;
    }
}
