package org.openuid.cluster;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secrets key replaced in three rolling restarts, as docs/deployment.md ("Rotating the secrets key") says: every
 * node gets the new key as another key; then the new key as its key with the old one as another key (the first node
 * to start seals everything again under the new key); then the new key alone, which every node must start with.
 */
final class SecretsKeyRotation implements Scenario {
    static final String KEY = "OPENUID_SECRETS_KEY";
    static final String OTHERS = "OPENUID_OTHER_SECRETS_KEYS";

    @Override public String name() { return "secrets-key-rotation"; }

    @Override public String description() {
        return "The secrets key is replaced in three rolling restarts of the 3 nodes (SIGTERM, drained, started again): "
                + "the new key as another key, then the new key with the old one as another key (the first node to start "
                + "reseals every secret and salt), then the new key alone.";
    }

    @Override public boolean zeroFailuresGoal() { return true; }

    @Override
    public void run(ScenarioRun run) throws Exception {
        String oldKey = run.cluster.nodes.get(0).env(KEY);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String newKey = Base64.getEncoder().encodeToString(fresh);
        restartAll(run, "step 1: the new key as another key", oldKey, newKey);
        restartAll(run, "step 2: the new key, the old one as another key", newKey, oldKey);
        restartAll(run, "step 3: the new key alone", newKey, null);
    }

    private static void restartAll(ScenarioRun run, String step, String key, String others) throws Exception {
        run.event(step);
        for (Node n : run.cluster.nodes) {
            n.sigterm();
            ScenarioRun.await(n.name + " out of the pool", 30_000, () -> !run.cluster.lb.up(n));
            n.awaitExit(60_000);
            n.setEnv(KEY, key);
            n.setEnv(OTHERS, others);
            long t0 = System.nanoTime();
            run.cluster.restart(n);
            run.event(n.name + " back in the pool (" + step.substring(0, 6) + ")");
            run.timing(n.name + ", " + step.substring(0, 6) + ": start to back in the pool", Report.seconds(t0));
            run.settle();
        }
    }
}
