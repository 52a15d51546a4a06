package org.openuid.cluster;

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
        String newKey = Cluster.newSecretsKey();
        restartAll(run, 1, "the new key as another key", oldKey, newKey);
        restartAll(run, 2, "the new key, the old one as another key", newKey, oldKey);
        restartAll(run, 3, "the new key alone", newKey, null);
    }

    private static void restartAll(ScenarioRun run, int step, String what, String key, String others) throws Exception {
        run.event("step " + step + ": " + what);
        for (Node n : run.cluster.nodes) {
            RollingUpgrade.restartDrained(run, n, n.name + ", step " + step, node -> {
                node.setEnv(KEY, key);
                node.setEnv(OTHERS, others);
            });
        }
    }
}
