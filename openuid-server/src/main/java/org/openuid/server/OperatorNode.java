package org.openuid.server;

import org.openuid.server.admin.AdminServer;
import org.openuid.server.config.OperatorConfig;
import org.openuid.server.http.Operator;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.server.jobs.SaltRotationJob;
import org.openuid.server.manage.AdminTokenService;
import org.openuid.server.state.OperatorState;
import org.openuid.store.JobLock;
import org.openuid.store.PrivateFiles;
import org.openuid.store.Store;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.bootstrap.BootstrapResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One running operator: store, state, HTTP server. The composition root shared by {@code openuid serve} and tests.
 * On an empty store the node first bootstraps itself and prints (and writes) the demo credentials.
 */
public final class OperatorNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);
    /** How long a stopping node lets requests in flight finish. */
    static final long SHUTDOWN_DRAIN_MS = 10_000;
    /** Nodes starting together on an empty store: one bootstraps, the others wait this long for it, then load. */
    static final java.time.Duration BOOTSTRAP_LOCK_WAIT = java.time.Duration.ofMinutes(10);

    private final Store store;
    private final OperatorState state;
    private final OperatorServer server;
    private final Operator operator;
    private KeyRotationJob keyRotation;
    private SaltRotationJob saltRotation;
    private JobRunner jobs;
    private AdminServer admin;
    private RunningNode running;

    private OperatorNode(Store store, OperatorState state, Operator operator, OperatorServer server) {
        this.store = store;
        this.state = state;
        this.operator = operator;
        this.server = server;
    }

    public static OperatorNode start(OperatorConfig config, LongSupplier clock, PrintStream out) {
        long started = System.nanoTime();
        Listeners.ensureFree(config);
        RunningNode running = config.isEmbeddedStore() ? RunningNode.claim(StoreFactory.embeddedDirectory(config)) : null;
        Store store;
        try {
            store = StoreFactory.open(config);
        } catch (RuntimeException e) {
            if (running != null) running.close();
            throw e;
        }
        try {
            if (store.isEmpty()) {
                try (JobLock.Held lock = store.jobLock().acquire("bootstrap", BOOTSTRAP_LOCK_WAIT)) {
                    if (store.isEmpty()) bootstrap(store, config, clock.getAsLong(), out);
                }
            }
            new AdminTokenService(store).ensureToken(config, clock.getAsLong(), out);
            OperatorState state = new OperatorState(store, config.snapshotPollMillis(), config.storeSync(), clock);
            Operator op = Operator.create(config, state, clock);
            OperatorServer server = OperatorServer.start(op);
            OperatorNode node = new OperatorNode(store, state, op, server);
            node.running = running;
            node.keyRotation = new KeyRotationJob(store, config.keyRotation(), config.allowClockSkewSeconds(), state::poll);
            node.saltRotation = new SaltRotationJob(store, config.saltRotation(), new java.security.SecureRandom(), state::poll);
            node.jobs = new JobRunner(store.jobLock(), clock);
            if (config.keyRotation().enabled()) node.jobs.scheduleKeyRotation(node.keyRotation, config.keyRotation());
            if (config.saltRotation().enabled()) node.jobs.scheduleSaltRotation(node.saltRotation, config.saltRotation());
            if (config.admin().enabled()) {
                try {
                    node.admin = AdminServer.start(op, store, node.keyRotation, node.jobs, server.port(),
                            running == null ? null : running.localToken());
                } catch (RuntimeException e) {
                    node.close();
                    throw e;
                }
            }
            if (running != null) running.publish(node.admin == null ? null : node.admin.baseUrl(config.admin().bindHost()));
            StartupBanner banner = new StartupBanner(config, store, state.snapshot().salts().size(), server.port(),
                    node.adminPort(), server.opsPort(), (System.nanoTime() - started) / 1_000_000);
            LOG.info(banner.logLine());
            out.print(banner.text());
            out.flush();
            return node;
        } catch (RuntimeException e) {
            store.close();
            if (running != null) running.close();
            throw e;
        }
    }

    private static void bootstrap(Store store, OperatorConfig config, long nowMs, PrintStream out) {
        out.println("Empty store: creating salts (" + config.saltBucketCount() + " buckets), keys and a demo site...");
        BootstrapResult result = Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(config.saltBucketCount())
                .withKeyLifetime(java.time.Duration.ofSeconds(config.keyRotation().keyLifetimeSeconds())), nowMs);
        if (result == null) return;
        String json = pretty(result.toJson());
        Path file = config.credentialsPath();
        try {
            PrivateFiles.write(file, json + "\n");
        } catch (IOException e) {
            out.println("Could not write " + file + ": " + e.getMessage());
        }
        out.println("Demo credentials (also written to " + file.toAbsolutePath().normalize() + "; shown only this once):");
        out.println(json);
    }

    private static String pretty(String json) {
        try {
            com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
            return m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(json));
        } catch (IOException e) {
            return json;
        }
    }

    public int port() { return server.port(); }

    public int opsPort() { return server.opsPort(); }

    /** Port of the admin listener, or -1 when it is disabled. */
    public int adminPort() { return admin == null ? -1 : admin.port(); }

    public OperatorState state() { return state; }

    /** The salt rotation job (scheduled only when {@code salt_rotation_enabled}). */
    public SaltRotationJob saltRotation() { return saltRotation; }

    /** The key rotation job (scheduled only when {@code key_rotation_enabled}). */
    public KeyRotationJob keyRotation() { return keyRotation; }

    /** Runs the scheduled jobs on one node at a time across the deployment. */
    public JobRunner jobs() { return jobs; }

    public Operator operator() { return operator; }

    public Store store() { return store; }

    /**
     * Stops the way a load balancer needs it: the readiness check answers "not ready" at once while every request is
     * still served for {@code unreadyMillis} (long enough for health checks to take the node out of rotation), then
     * new requests are refused, those in flight finish, and everything closes.
     */
    public void shutdown(long unreadyMillis) {
        state.beginDraining();
        LOG.info("stopping: readiness answers 503 now; still serving for {} ms, then draining", unreadyMillis);
        try {
            Thread.sleep(unreadyMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        if (admin != null) admin.close();
        if (jobs != null) jobs.close();
        if (keyRotation != null) keyRotation.close();
        server.shutdown(SHUTDOWN_DRAIN_MS);
        state.close();
        store.close();
        if (running != null) running.close();
    }
}
