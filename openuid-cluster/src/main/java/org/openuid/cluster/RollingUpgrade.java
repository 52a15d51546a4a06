package org.openuid.cluster;

import java.util.function.Consumer;

/** Each node in turn: SIGTERM (it drains), started again on the same ports, back in the pool, then the next. */
final class RollingUpgrade implements Scenario {
    @Override public String name() { return "rolling-upgrade"; }

    @Override public String description() {
        return "Each of the 3 nodes in turn is stopped with SIGTERM (readiness turns 503, HAProxy takes it out, it drains), "
                + "started again and waited for until HAProxy has it back in the pool.";
    }

    @Override public boolean zeroFailuresGoal() { return true; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        for (Node n : run.cluster.nodes) restartDrained(run, n, n.name, node -> {});
    }

    /**
     * Stops {@code n} with SIGTERM, waits until HAProxy has taken it out and it has exited, lets {@code beforeStart}
     * change how it starts, starts it again on the same ports and waits until it is back in the pool; the timings are
     * labelled with {@code label}.
     */
    static void restartDrained(ScenarioRun run, Node n, String label, Consumer<Node> beforeStart) throws Exception {
        run.event("SIGTERM to " + n.name);
        long t0 = System.nanoTime();
        n.sigterm();
        double outOfPool = ScenarioRun.await(n.name + " out of the pool", 30_000, () -> !run.cluster.lb.up(n));
        int exit = n.awaitExit(60_000);
        double stopped = Report.seconds(t0);
        run.event(n.name + " exited with " + exit);
        beforeStart.accept(n);
        long t1 = System.nanoTime();
        run.cluster.restart(n);
        run.event(n.name + " back in the pool");
        run.timing(label + ": SIGTERM to out of the pool", outOfPool);
        run.timing(label + ": SIGTERM to exit", stopped);
        run.timing(label + ": start to back in the pool", Report.seconds(t1));
        run.settle();
    }
}
