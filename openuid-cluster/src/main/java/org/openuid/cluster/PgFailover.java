package org.openuid.cluster;

/**
 * The PostgreSQL primary stopped for an outage and started again; then the primary killed ({@code kill -9}) and the
 * synchronous replica promoted. Nodes reach whichever is primary through their multi-host location.
 */
final class PgFailover implements Scenario {
    private final long outageMillis;

    PgFailover(long outageMillis) { this.outageMillis = outageMillis; }

    @Override public String name() { return "pg-failover"; }

    @Override public String description() {
        return "PostgreSQL primary stopped (fast shutdown) for " + outageMillis / 1000 + " s and started again; then the primary "
                + "killed with kill -9 and the synchronous replica promoted 5 s later (pg_ctl promote).";
    }

    @Override public boolean zeroFailuresGoal() { return false; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        Cluster c = run.cluster;
        long from = run.faultBegins("PostgreSQL primary stopped");
        c.pg.stopPrimary();
        long t0 = System.nanoTime();
        run.timing("stop to every node degraded", ScenarioRun.await("nodes degraded", 60_000, () -> allHealth(c, "DEGRADED")));
        Shell.sleep(Math.max(0, outageMillis - (long) (Report.seconds(t0) * 1000)));
        c.pg.startPrimary();
        run.event("PostgreSQL primary started again");
        long startedAt = System.currentTimeMillis();
        run.timing("primary back to every node OK", ScenarioRun.await("nodes OK", 120_000, () -> allHealth(c, "OK")));
        run.timing("primary back to a logout acknowledged", (System.currentTimeMillis() - startedAt) / 1000.0
                + ScenarioRun.await("a logout acknowledged", 120_000, () -> lastAck(run) > startedAt));
        run.faultOver("primary outage", from);
        run.settle();

        long from2 = run.faultBegins("kill -9 of the PostgreSQL primary");
        long killedAt = System.currentTimeMillis();
        c.pg.killPrimary();
        Shell.sleep(5_000);
        c.pg.promoteReplica();
        run.event("replica promoted");
        ScenarioRun.await("nodes OK", 120_000, () -> allHealth(c, "OK"));
        run.timing("kill to every node OK on the promoted replica", (System.currentTimeMillis() - killedAt) / 1000.0);
        ScenarioRun.await("a logout acknowledged", 120_000, () -> lastAck(run) > killedAt + 5_000);
        run.timing("kill to a logout acknowledged by the promoted replica", (System.currentTimeMillis() - killedAt) / 1000.0);
        run.faultOver("primary killed, replica promoted", from2);
    }

    private static long lastAck(ScenarioRun run) { return run.ledger.lastAcknowledgedMs(); }

    static boolean allHealth(Cluster c, String prefix) {
        for (Node n : c.nodes) {
            String h = n.health();
            if (h == null || !h.startsWith(prefix)) return false;
        }
        return true;
    }
}
