package org.openuid.cluster;

import java.util.List;

/**
 * The network between node2 and PostgreSQL blocked (both servers' ports; packets dropped, connections held) and
 * unblocked: node2 must report itself degraded, keep serving from memory, and come back by itself.
 */
final class NetworkCut implements Scenario {
    private final long blockMillis;

    NetworkCut(long blockMillis) { this.blockMillis = blockMillis; }

    @Override public String name() { return "network"; }

    @Override public String description() {
        return "node2's links to both PostgreSQL servers blocked for " + blockMillis / 1000
                + " s (traffic held, as a firewall dropping packets), then unblocked.";
    }

    @Override public boolean zeroFailuresGoal() { return false; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        Cluster c = run.cluster;
        Node n2 = c.node(2);
        List<LinkProxy> links = c.links.get(n2);
        long from = run.faultBegins("node2's links to PostgreSQL blocked");
        long t0 = System.nanoTime();
        links.forEach(LinkProxy::block);
        run.timing("block to node2 degraded", ScenarioRun.await("node2 degraded", blockMillis + 30_000,
                () -> { String h = n2.health(); return h != null && h.startsWith("DEGRADED"); }));
        Shell.sleep(Math.max(0, blockMillis - (long) (Report.seconds(t0) * 1000)));
        links.forEach(LinkProxy::unblock);
        run.event("links unblocked");
        run.timing("unblock to node2 OK", ScenarioRun.await("node2 OK", 120_000, () -> "OK".equals(n2.health())));
        run.faultOver("node2 cut off from PostgreSQL", from);
    }
}
