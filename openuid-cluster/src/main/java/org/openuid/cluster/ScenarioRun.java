package org.openuid.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One scenario from start to figures: a fresh cluster, traffic, the scenario's events (each marked, faults with their
 * window), traffic stopped, one node restarted so that the check also covers a node that loaded everything from the
 * database, every acknowledged opt-out checked on every node, the cluster torn down.
 */
final class ScenarioRun {
    /** A fault: from its start until the service was back (ms since the scenario started). */
    record Window(String what, long fromMs, long toMs) {}

    final Cluster cluster;
    final Tally tally = new Tally();
    final OptOutLedger ledger = new OptOutLedger();
    final TrafficDriver traffic;
    final Map<String, Double> timings = new LinkedHashMap<>();
    final List<String> events = new ArrayList<>();
    final List<Window> faults = new ArrayList<>();

    private ScenarioRun(Cluster cluster) {
        this.cluster = cluster;
        this.traffic = new TrafficDriver(cluster.lb.url(), cluster.credentials, cluster.profile, tally, ledger);
    }

    static Report.Result execute(Scenario scenario, Path jar, Profile profile) throws Exception {
        try (Cluster cluster = Cluster.start(jar, profile)) {
            ScenarioRun run = new ScenarioRun(cluster);
            cluster.keep = true;  // until the figures are in
            Cluster.log("scenario " + scenario.name() + ": " + scenario.description());
            run.traffic.start();
            try {
                run.settle();
                scenario.run(run);
                run.settle();
            } finally {
                run.traffic.close();
            }
            run.event("traffic stopped");
            Node fresh = cluster.node(3);
            fresh.terminate(60_000);
            cluster.restart(fresh);
            run.event(fresh.name + " restarted to load everything from the database before the check");
            Verifier.OptOutCheck check = Verifier.checkOptOuts(cluster, run.ledger);
            Report.Result result = Report.Result.of(scenario, profile, run, check);
            cluster.keep = System.getenv("OPENUID_CLUSTER_KEEP") != null || !result.goalsMet();
            return result;
        }
    }

    void settle() { Shell.sleep(cluster.profile.settleMillis()); }

    void event(String what) {
        events.add(String.format("%.1f s: %s", tally.sinceStart() / 1000.0, what));
        Cluster.log(what);
    }

    /** Marks the start of a fault; {@link #faultOver} closes it. @return its start */
    long faultBegins(String what) {
        event(what);
        return tally.sinceStart();
    }

    void faultOver(String what, long fromMs) {
        faults.add(new Window(what, fromMs, tally.sinceStart()));
        event(what + ": service back");
    }

    void timing(String what, double seconds) {
        timings.put(what, seconds);
        Cluster.log(String.format("%s: %.2f s", what, seconds));
    }

    /** Waits until the condition holds, polling; @return seconds waited. */
    static double await(String what, long timeoutMs, BooleanSupplier condition) {
        long t0 = System.nanoTime();
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("timed out waiting for " + what);
            Shell.sleep(20);
        }
        return Report.seconds(t0);
    }
}
