package org.openuid.server;

import org.openuid.server.config.OperatorConfig;
import org.openuid.server.http.Operator;
import org.openuid.server.http.OperatorServer;
import org.openuid.server.state.OperatorState;
import org.openuid.store.Bootstrap;
import org.openuid.store.BootstrapOptions;
import org.openuid.store.BootstrapResult;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.LongSupplier;

/**
 * One running operator: store, state, HTTP server. The composition root shared by {@code openuid serve} and tests.
 * On an empty store the node first bootstraps itself and prints (and writes) the demo credentials.
 */
public final class OperatorNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorNode.class);

    private final Store store;
    private final OperatorState state;
    private final OperatorServer server;
    private final Operator operator;

    private OperatorNode(Store store, OperatorState state, Operator operator, OperatorServer server) {
        this.store = store;
        this.state = state;
        this.operator = operator;
        this.server = server;
    }

    public static OperatorNode start(OperatorConfig config, LongSupplier clock, PrintStream out) {
        long started = System.nanoTime();
        Store store = StoreFactory.open(config);
        try {
            if (store.isEmpty()) bootstrap(store, config, clock.getAsLong(), out);
            OperatorState state = new OperatorState(store, config.snapshotPollMillis());
            Operator op = Operator.create(config, state, clock);
            OperatorServer server = OperatorServer.start(op);
            LOG.info("OpenUID {} operator listening on http://{}:{} (store {}, {} salt buckets) after {} ms",
                    config.identityScope(), config.bindHost(), server.port(), config.isEmbeddedStore() ? "embedded" : "postgresql",
                    state.snapshot().salts().size(), (System.nanoTime() - started) / 1_000_000);
            return new OperatorNode(store, state, op, server);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void bootstrap(Store store, OperatorConfig config, long nowMs, PrintStream out) {
        out.println("Empty store: creating salts (" + config.saltBucketCount() + " buckets), keys and a demo site...");
        BootstrapResult result = Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(config.saltBucketCount()), nowMs);
        if (result == null) return;
        String json = pretty(result.toJson());
        Path file = config.credentialsPath();
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, json + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            out.println("Could not write " + file + ": " + e.getMessage());
        }
        out.println("Demo credentials (also written to " + file.toAbsolutePath() + "; shown only this once):");
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

    public OperatorState state() { return state; }

    public Operator operator() { return operator; }

    public Store store() { return store; }

    @Override
    public void close() {
        server.close();
        state.close();
        store.close();
    }
}
