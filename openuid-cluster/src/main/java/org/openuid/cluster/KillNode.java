package org.openuid.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;

/**
 * {@code kill -9} of node3 while opt-outs flow; then {@code kill -9} of node1 while it holds the salt rotation lock in
 * the middle of a rotation, after which node2 must get the lock and rotate.
 */
final class KillNode implements Scenario {
    @Override public String name() { return "kill-node"; }

    @Override public String description() {
        return "kill -9 of node3 during opt-out traffic (restarted 5 s later); then kill -9 of node1 while it holds the "
                + "salt rotation lock in the middle of rotating 50% of the buckets; node2 then takes the lock and rotates.";
    }

    @Override public boolean zeroFailuresGoal() { return false; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        Cluster c = run.cluster;
        Node n3 = c.node(3);
        long from = run.faultBegins("kill -9 of node3");
        n3.kill();
        run.timing("node3 killed: out of the pool", ScenarioRun.await("node3 out of the pool", 30_000, () -> !c.lb.up(n3)));
        run.faultOver("node3 killed", from);
        Shell.sleep(5_000);
        long t0 = System.nanoTime();
        c.restart(n3);
        run.timing("node3 restart to back in the pool", Report.seconds(t0));
        run.event("node3 back in the pool");
        run.settle();

        Node n1 = c.node(1);
        V2Client v2 = new V2Client();
        long since = System.currentTimeMillis() - 1000;
        long rotationStart = System.currentTimeMillis();
        CompletableFuture<V2Client.Answer> rotation = CompletableFuture.supplyAsync(() -> {
            try {
                return v2.admin(n1.adminUrl(), "POST", "/admin/v1/salts/rotate", c.credentials.adminToken(), "{\"fraction\":0.5}");
            } catch (Exception e) {
                return new V2Client.Answer(-1, null, TrafficDriver.describe(e));
            }
        });
        ScenarioRun.await("a job lock held", 60_000, () -> advisoryLocks(c) > 0 || rotation.isDone());
        if (rotation.isDone()) {
            run.event("the rotation finished before the lock could be seen: " + rotation.join().status() + " (node1 killed anyway)");
        }
        long from1 = run.faultBegins("kill -9 of node1 while it holds the salt rotation lock");
        n1.kill();
        run.event("node1's rotation request ended with: " + describe(rotation.join()));
        run.timing("lock free after the kill", ScenarioRun.await("lock released", 60_000, () -> advisoryLocks(c) == 0));
        run.faultOver("node1 killed", from1);
        long t1 = System.nanoTime();
        V2Client.Answer again = v2.admin(c.node(2).adminUrl(), "POST", "/admin/v1/salts/rotate", c.credentials.adminToken(), "{\"fraction\":0.5}");
        if (again.status() != 200) throw new IllegalStateException("salt rotation on node2 after the kill answered " + again.status() + ": " + again.body());
        run.event("node2 took the lock and rotated " + again.json().path("rotated").asLong() + " buckets");
        run.timing("salt rotation on node2 after the kill", Report.seconds(t1));
        run.timing("new salts served by node3", ScenarioRun.await("new salts on node3", 120_000,
                () -> Rotations.newestRotation(v2, c, n3) >= since));
        ScenarioRun.await("new salts on node2", 120_000, () -> Rotations.newestRotation(v2, c, c.node(2)) >= since);
        run.ledger.saltRotation(rotationStart, System.currentTimeMillis());
        long t2 = System.nanoTime();
        c.restart(n1);
        run.timing("node1 restart to back in the pool", Report.seconds(t2));
        run.event("node1 back in the pool");
    }

    private static String describe(V2Client.Answer a) {
        return a.status() == 200 ? "200 (committed before the kill)" : a.status() + " " + a.body();
    }

    /** Advisory locks granted on the primary right now (the job locks, held on a session each). */
    static int advisoryLocks(Cluster c) {
        try (Connection conn = DriverManager.getConnection(c.pg.primaryUrl()); Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return -1;
        }
    }
}
