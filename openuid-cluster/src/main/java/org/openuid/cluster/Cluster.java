package org.openuid.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test: PostgreSQL primary and replica, three nodes each reaching both through links the bench
 * controls, HAProxy in front. The first node bootstraps the store; the others start once it is up.
 */
final class Cluster implements AutoCloseable {
    final Path dir;
    final Profile profile;
    final PostgresCluster pg;
    final List<Node> nodes = new ArrayList<>();
    /** Per node: its link to the primary and its link to the replica. */
    final Map<Node, List<LinkProxy>> links = new HashMap<>();
    Haproxy lb;
    Credentials credentials;
    /** Keep the run directory (logs of nodes, PostgreSQL and HAProxy): after a failure, or with OPENUID_CLUSTER_KEEP set. */
    boolean keep = System.getenv("OPENUID_CLUSTER_KEEP") != null;

    private Cluster(Path dir, Profile profile, PostgresCluster pg) {
        this.dir = dir;
        this.profile = profile;
        this.pg = pg;
    }

    static Cluster start(Path serverJar, Profile profile) throws IOException {
        Path jar = serverJar.toAbsolutePath();
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("no server jar at " + jar + ": build it first (mvn -pl openuid-server -am package -DskipTests)");
        Haproxy.ensureInstalled();
        Path dir = Files.createTempDirectory("openuid-cluster-");
        log("run directory " + dir);
        // the nodes run a copy: a build that rewrites the jar during a run would break class loading in running nodes
        Path ownJar = Files.copy(jar, dir.resolve("openuid.jar"));
        Cluster c = new Cluster(dir, profile, PostgresCluster.start(dir));
        try {
            log("PostgreSQL primary on " + c.pg.primaryPort + ", synchronous streaming replica on " + c.pg.replicaPort);
            Map<String, String> env = nodeEnvironment(profile, dir);
            for (int i = 1; i <= 3; i++) {
                LinkProxy toPrimary = new LinkProxy(c.pg.primaryPort);
                LinkProxy toReplica = new LinkProxy(c.pg.replicaPort);
                Map<String, String> own = new HashMap<>(env);
                own.put("OPENUID_STORE", PostgresCluster.location(toPrimary.port(), toReplica.port()));
                Node n = new Node("node" + i, ownJar, dir, own, profile.nodeJvmOptions());
                c.links.put(n, List.of(toPrimary, toReplica));
                c.nodes.add(n);
            }
            long t0 = System.nanoTime();
            c.nodes.get(0).start();
            c.nodes.get(0).awaitReady(300_000);
            log("node1 bootstrapped the store (" + profile.saltBuckets() + " salt buckets) in " + String.format("%.1f", Report.seconds(t0)) + " s");
            c.credentials = Credentials.read(dir.resolve("demo-credentials.json"));
            for (Node n : c.nodes.subList(1, 3)) n.start();
            for (Node n : c.nodes.subList(1, 3)) n.awaitReady(300_000);
            c.lb = Haproxy.start(dir, c.nodes);
            for (Node n : c.nodes) c.lb.awaitUp(n, 30_000);
            log("3 nodes up behind HAProxy on " + c.lb.port);
            return c;
        } catch (IOException | RuntimeException e) {
            c.keep = true;
            c.close();
            throw e;
        }
    }

    /** A new secrets key for the nodes, as {@code OPENUID_SECRETS_KEY} takes it (Base64 of 32 random bytes). */
    static String newSecretsKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static Map<String, String> nodeEnvironment(Profile profile, Path dir) {
        Map<String, String> env = new HashMap<>();
        env.put("OPENUID_BIND_HOST", "127.0.0.1");
        env.put("OPENUID_OPS_BIND_HOST", "127.0.0.1");
        env.put("OPENUID_SALT_BUCKET_COUNT", Integer.toString(profile.saltBuckets()));
        env.put("OPENUID_CREDENTIALS_FILE", dir.resolve("demo-credentials.json").toString());
        env.put("OPENUID_SECRETS_KEY", newSecretsKey());
        // readiness says "not ready" this long before a stopping node refuses anything (HAProxy needs 2 × 250 ms)
        env.put("OPENUID_SHUTDOWN_UNREADY_MILLIS", "1500");
        // forced key rotations: successors are published at once and used one minute later
        env.put("OPENUID_KEY_ACTIVATION_LEAD_MINUTES", "1");
        // salt rotations on demand on a store created minutes ago
        env.put("OPENUID_SALT_ROTATION_MIN_AGE_DAYS", "0");
        env.put("OPENUID_LOG_FORMAT", "text");
        // experiments: OPENUID_NODE_<KEY>=value in the bench's environment sets OPENUID_<KEY> on every node
        System.getenv().forEach((k, v) -> {
            if (k.startsWith("OPENUID_NODE_")) env.put("OPENUID_" + k.substring("OPENUID_NODE_".length()), v);
        });
        return env;
    }

    Node node(int i) { return nodes.get(i - 1); }

    /** Restarts a stopped node on its ports and waits until HAProxy has it in the pool again. */
    void restart(Node n) throws IOException {
        n.start();
        n.awaitReady(300_000);
        lb.awaitUp(n, 30_000);
    }

    static void log(String line) {
        System.out.printf("[%tT] %s%n", System.currentTimeMillis(), line);
    }

    @Override
    public void close() {
        if (lb != null) lb.close();
        for (Node n : nodes) n.stopQuietly();
        for (List<LinkProxy> l : links.values()) l.forEach(LinkProxy::close);
        pg.close();
        if (keep) {
            log("run directory kept: " + dir);
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log("could not remove " + dir + ": " + e.getMessage());
        }
    }
}
