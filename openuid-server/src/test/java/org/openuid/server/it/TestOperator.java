package org.openuid.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openuid.core.model.Role;
import org.openuid.server.OperatorNode;
import org.openuid.server.config.OperatorConfig;
import org.openuid.store.ApiKeys;
import org.openuid.store.importing.CoreDataImporter;
import org.openuid.store.Store;
import org.openuid.store.Stores;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A real operator on a random port over a fresh store: an embedded store in a temporary directory, or, when the
 * tests run on PostgreSQL ({@link TestStores#postgres()}), a fresh schema dropped on close.
 */
public final class TestOperator implements AutoCloseable {
    /** Root of the public core-format test data set. */
    public static final Path CORE_TEST_DATA = Path.of("..", "testdata", "uid2-core-test");

    public final Path dir;
    /** The store location the node uses (the directory, or a PostgreSQL URL): pass it to {@code --store}. */
    public final String store;
    public final OperatorNode node;
    public final String baseUrl;
    public final ApiClient api;
    public final String startupOutput;

    public record Credentials(String key, String secret, int siteId) {}

    private final TestStores.Schema schema;

    private TestOperator(Path dir, TestStores.Schema schema, OperatorNode node, String startupOutput) {
        this.dir = dir;
        this.schema = schema;
        this.store = node.operator().config().store();
        this.node = node;
        this.baseUrl = "http://127.0.0.1:" + node.port();
        this.api = new ApiClient(baseUrl);
        this.startupOutput = startupOutput;
    }

    public static OperatorConfig config(Path dir, Map<String, String> extra) {
        return config(dir, null, extra);
    }

    /** Test settings over {@code dir}, or over {@code schema} (with the demo credentials written into {@code dir}). */
    static OperatorConfig config(Path dir, TestStores.Schema schema, Map<String, String> extra) {
        Map<String, String> s = new HashMap<>();
        s.put("store", schema == null ? dir.toString() : schema.location());
        if (schema != null) s.put("credentials_file", dir.resolve("demo-credentials.json").toString());
        s.put("port", "0");
        s.put("ops_port", "0");
        s.put("admin_port", "0");
        s.put("bind_host", "127.0.0.1");
        s.put("salt_bucket_count", "4096");
        s.put("snapshot_poll_millis", "100");
        // tests that rotate keys call the rotation job themselves
        s.put("key_rotation_enabled", "false");
        s.putAll(extra);
        return OperatorConfig.fromSettings(s);
    }

    /** A self-bootstrapped operator (demo site and credentials), as a new user gets it. */
    public static TestOperator bootstrapped() throws Exception {
        return bootstrapped(Map.of(), System::currentTimeMillis);
    }

    public static TestOperator bootstrapped(Map<String, String> extra, LongSupplier clock) throws Exception {
        Path dir = Files.createTempDirectory("openuid-test");
        TestStores.Schema schema = TestStores.postgres() ? TestStores.newSchema() : null;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            OperatorNode node = OperatorNode.start(config(dir, schema, extra), clock, new PrintStream(out, true));
            return new TestOperator(dir, schema, node, out.toString());
        } catch (RuntimeException e) {
            if (schema != null) schema.close();
            throw e;
        }
    }

    /**
     * A node over an existing store location that the caller owns (several nodes may share one PostgreSQL schema).
     * On an empty store it bootstraps, writing the demo credentials into its own temporary directory.
     */
    public static TestOperator on(String store, Map<String, String> extra, LongSupplier clock) throws Exception {
        Path dir = Files.createTempDirectory("openuid-test");
        Map<String, String> s = new HashMap<>(extra);
        s.put("store", store);
        s.putIfAbsent("credentials_file", dir.resolve("demo-credentials.json").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OperatorNode node = OperatorNode.start(config(dir, null, s), clock, new PrintStream(out, true));
        return new TestOperator(dir, null, node, out.toString());
    }

    /** An operator over the imported public test data set. */
    public static TestOperator imported() throws Exception {
        return imported(Map.of(), System::currentTimeMillis);
    }

    /** An operator over the imported public test data set, with extra configuration and a clock. */
    public static TestOperator imported(Map<String, String> extra, LongSupplier clock) throws Exception {
        Path dir = Files.createTempDirectory("openuid-test");
        TestStores.Schema schema = TestStores.postgres() ? TestStores.newSchema() : null;
        try {
            try (Store store = Stores.open(schema == null ? dir.toString() : schema.location())) {
                CoreDataImporter.importDirectory(CORE_TEST_DATA, store, System.currentTimeMillis());
            }
            OperatorNode node = OperatorNode.start(config(dir, schema, extra), clock, new PrintStream(new ByteArrayOutputStream()));
            return new TestOperator(dir, schema, node, "");
        } catch (RuntimeException e) {
            if (schema != null) schema.close();
            throw e;
        }
    }

    /** Demo credentials written at bootstrap: the client holding exactly these roles. */
    public Credentials demo(Role... roles) throws Exception {
        JsonNode root = new ObjectMapper().readTree(node.operator().config().credentialsPath().toFile());
        java.util.Set<String> wanted = new java.util.TreeSet<>();
        for (Role r : roles) wanted.add(r.name());
        for (JsonNode c : root.get("clients")) {
            java.util.Set<String> have = new java.util.TreeSet<>();
            c.get("roles").forEach(r -> have.add(r.asText()));
            if (have.equals(wanted))
                return new Credentials(c.get("key").asText(), c.get("secret").asText(), root.get("site_id").asInt());
        }
        throw new AssertionError("no demo client with roles " + wanted + " in " + root);
    }

    public int demoSiteId() throws Exception {
        return new ObjectMapper().readTree(node.operator().config().credentialsPath().toFile()).get("site_id").asInt();
    }

    /** Creates a client directly in the store and waits until this node serves it. */
    public Credentials createClient(int siteId, boolean disabled, Role... roles) {
        org.openuid.store.NewClientKey k = ApiKeys.create(siteId, "test client", roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles), System.currentTimeMillis() / 1000);
        var c = k.client();
        node.store().upsertClient(disabled ? new org.openuid.core.model.ClientKey(c.keyId(), c.keyHash(), c.keySalt(), c.secret(),
                c.name(), c.contact(), c.created(), c.roles(), c.siteId(), true, c.serviceId()) : c);
        node.state().poll();
        return new Credentials(k.apiKey(), k.secretBase64(), siteId);
    }

    /** Work done while a node is stopped. */
    @FunctionalInterface
    public interface WhileStopped {
        void run() throws Exception;
    }

    /**
     * Stops this node, runs {@code work} (for instance a command that needs the embedded store to itself), then starts
     * a new node with the same configuration on the same store (on new free ports when they were chosen freely).
     * The returned operator owns the directory and the schema: close it instead of this one.
     */
    public TestOperator restartAfter(WhileStopped work) throws Exception {
        OperatorConfig config = node.operator().config();
        node.close();
        work.run();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OperatorNode again = OperatorNode.start(config, System::currentTimeMillis, new PrintStream(out, true));
        return new TestOperator(dir, schema, again, out.toString());
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } finally {
            if (schema != null) schema.close();
        }
    }
}
