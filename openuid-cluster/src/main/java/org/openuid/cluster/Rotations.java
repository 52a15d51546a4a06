package org.openuid.cluster;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A forced key rotation on node1 (a successor for every keyset, published at once, used one activation lead later),
 * with a DSP that downloaded its keys just before it and never again; then a salt rotation of half the buckets on
 * node2. Measures when every node serves the new keys and salts.
 */
final class Rotations implements Scenario {
    @Override public String name() { return "rotation"; }

    @Override public String description() {
        return "Forced key rotation through node1's admin API (new keys for every keyset, activating 1 minute later), while a "
                + "DSP that downloaded keys just before it decrypts every token; then salt rotation of 50% of the buckets "
                + "through node2; traffic continues until the new keys are in use.";
    }

    @Override public boolean zeroFailuresGoal() { return true; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        Cluster c = run.cluster;
        V2Client v2 = new V2Client();
        run.traffic.freezeStaleDsp(Long.MAX_VALUE);
        run.event("second DSP downloads keys once, never again");
        Set<Long> before = keyIds(v2, c, c.node(1));
        long t = System.nanoTime();
        V2Client.Answer keys = v2.admin(c.node(1).adminUrl(), "POST", "/admin/v1/keys/rotate", c.credentials.adminToken(), "{\"now\":true}");
        if (keys.status() != 200) throw new IllegalStateException("forced key rotation answered " + keys.status() + ": " + keys.body());
        long activates = 0;
        for (JsonNode k : keys.json().path("created"))
            activates = Math.max(activates, Instant.parse(k.path("activates_at").asText()).toEpochMilli());
        // the new keys the DSP may download (never refresh keys), as node1 serves them right after its own change
        Set<Long> created = keyIds(v2, c, c.node(1));
        created.removeAll(before);
        if (created.isEmpty()) throw new IllegalStateException("node1 does not serve any new key after the forced rotation");
        // the promise: every token issued until the new keys activate decrypts with keys downloaded before the rotation
        run.traffic.freezeStaleDsp(activates);
        run.timing("forced key rotation on node1 (admin API answer)", Report.seconds(t));
        long t0 = System.nanoTime();
        run.event("node1 created " + keys.json().path("created").size() + " keys (" + created.size() + " downloadable by the DSP), activating at "
                + Instant.ofEpochMilli(activates) + "; until then every token must also decrypt with the second DSP's keys");
        for (Node n : c.nodes) {
            run.timing("new keys served by " + n.name + " (key download)", ScenarioRun.await("new keys on " + n.name, 30_000,
                    () -> served(v2, c, n, created)));
        }
        run.timing("rotation answered to new keys served by every node", Report.seconds(t0));
        run.settle();

        long since = System.currentTimeMillis() - 1000;
        long rotationStart = System.currentTimeMillis();
        long t1 = System.nanoTime();
        V2Client.Answer salts = v2.admin(c.node(2).adminUrl(), "POST", "/admin/v1/salts/rotate", c.credentials.adminToken(), "{\"fraction\":0.5}");
        if (salts.status() != 200) throw new IllegalStateException("salt rotation answered " + salts.status() + ": " + salts.body());
        run.event("node2 rotated " + salts.json().path("rotated").asLong() + " of " + salts.json().path("buckets").asLong() + " salt buckets");
        run.timing("salt rotation on node2 (admin API answer)", Report.seconds(t1));
        for (Node n : c.nodes) {
            run.timing("new salts served by " + n.name, ScenarioRun.await("new salts on " + n.name, 120_000,
                    () -> newestRotation(v2, c, n) >= since));
        }
        run.timing("rotation started to new salts served by every node", Report.seconds(t1));
        run.ledger.saltRotation(rotationStart, System.currentTimeMillis());

        long wait = activates - System.currentTimeMillis() + 5_000;
        run.event("traffic continues until the new keys are active (+5 s): " + Math.max(0, wait / 1000) + " s");
        if (wait > 0) Shell.sleep(wait);
        run.event("new keys active: tokens are encrypted with them and decrypt with the keys the DSP refreshes every second");
    }

    private static boolean served(V2Client v2, Cluster c, Node n, Set<Long> ids) {
        try {
            V2Client.Answer a = v2.post(n.baseUrl(), "/v2/key/bidstream", c.credentials.role("ID_READER"), "{}");
            if (a.status() != 200) return false;
            List<Long> have = new ArrayList<>();
            for (JsonNode k : a.json().path("body").path("keys")) have.add(k.path("id").asLong());
            return have.containsAll(ids);
        } catch (Exception e) {
            return false;
        }
    }

    /** The ids of the keys the DSP downloads from a node. */
    private static Set<Long> keyIds(V2Client v2, Cluster c, Node n) throws Exception {
        V2Client.Answer a = v2.post(n.baseUrl(), "/v2/key/bidstream", c.credentials.role("ID_READER"), "{}");
        if (a.status() != 200) throw new IllegalStateException("key download answered " + a.status());
        Set<Long> out = new HashSet<>();
        for (JsonNode k : a.json().path("body").path("keys")) out.add(k.path("id").asLong());
        return out;
    }

    static long newestRotation(V2Client v2, Cluster c, Node n) {
        try {
            V2Client.Answer a = v2.admin(n.adminUrl(), "GET", "/admin/v1/salts", c.credentials.adminToken(), null);
            return a.status() == 200 ? Instant.parse(a.json().path("newest_rotation").asText()).toEpochMilli() : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
