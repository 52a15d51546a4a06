package org.openuid.store;

import org.flywaydb.core.Flyway;
import org.openuid.core.model.ClientKey;
import org.openuid.core.model.ClientSideKeypair;
import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.RuntimeConfig;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.model.Service;
import org.openuid.core.model.ServiceLink;
import org.openuid.core.model.Site;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Store} on an embedded H2 file database or on PostgreSQL, with plain JDBC and one schema (Flyway
 * migrations in {@code db/openuid}, applied on open).
 *
 * <p><b>Transactions.</b> Every write of non-opt-out data runs in one transaction that starts by incrementing the
 * single {@code change_version} row; the row lock this takes serialises writers, so upserts are a simple
 * update-then-insert. Opt-out appends lock their own single row ({@code optout_append_lock}) before inserting, so
 * the database-generated sequence numbers become visible in increasing order and a reader that remembers the
 * last sequence it saw never misses a record; under that lock a record whose (first-level hash, raw UID) pair exists
 * is skipped (a unique index backs the rule). On H2 every opt-out write is followed by a synced checkpoint so that
 * it is on disk when {@link #addOptOut}, {@link #addOptOuts} or {@link #addImportedOptOuts} returns; PostgreSQL
 * commits are durable by default.
 *
 * <p><b>Consistent reads.</b> {@link #loadAll()} reads everything in one transaction (REPEATABLE READ on
 * PostgreSQL) and reads the change version before and after; if it moved, the read is repeated.
 *
 * <p><b>Salt buckets.</b> Buckets are stored in file order as binary chunks of consecutive buckets
 * ({@link SaltChunkCodec}) rather than one row each: for 1,048,576 buckets that is 256 rows of about 220 KB, which
 * embedded H2 writes and reads in a fraction of the time a million rows take. {@link #updateSaltBuckets} rewrites
 * only the chunks that contain updated buckets. The decoded {@link SaltTable} is cached and reused by later
 * {@link #loadAll()} calls until the buckets change.
 *
 * <p>Connections come from a pool ({@link StorePool}, {@link StoreSettings#poolSize()}); the store is safe for
 * concurrent use.
 */
public final class JdbcStore implements Store {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);

    static final String MIGRATIONS = "classpath:db/openuid";
    /** The newest migration of this build ({@code SchemaVersionTest} keeps the two in step). */
    static final int SCHEMA_VERSION = 9;
    private static final int LOAD_ATTEMPTS = 20;

    private final StoreLocation location;
    private final StorePool pool;
    private final ConnectionFactory factory;
    private final JobLock jobLock;
    private final ChangeListeners listeners = new ChangeListeners();
    private final Jdbc jdbc;
    private final SiteRows sites;
    private final ClientRows clients;
    private final KeysetRows keysets;
    private final KeypairRows keypairs;
    private final ConfigRows config;
    private final SaltRows salts;
    private final ServiceRows services;
    private final OptOutRows optOuts;
    private final AdminRows admin;

    private final Sealing sealing;

    private JdbcStore(StoreLocation location, ConnectionFactory factory, StorePool pool, SecretSealer sealer) {
        this.location = location;
        this.sealing = new Sealing(sealer);
        this.factory = factory;
        this.pool = pool;
        this.jobLock = location.kind() == StoreLocation.Kind.POSTGRESQL
                ? new PostgresJobLock(factory) : new InProcessJobLock(location.jdbcUrl());
        this.jdbc = new Jdbc(pool, listeners);
        this.sites = new SiteRows(jdbc);
        this.clients = new ClientRows(jdbc, sealing);
        this.keysets = new KeysetRows(jdbc, sealing);
        this.keypairs = new KeypairRows(jdbc, sealing);
        this.config = new ConfigRows(jdbc);
        this.salts = new SaltRows(jdbc, sealing, saltLayoutFile(location));
        this.services = new ServiceRows(jdbc);
        this.optOuts = new OptOutRows(jdbc, listeners, location.kind());
        this.admin = new AdminRows(jdbc);
    }

    /** Opens (creating if needed) the store at {@code location} with the default settings, without a secrets key. */
    public static JdbcStore open(StoreLocation location) {
        return open(location, StoreSettings.defaults(), SecretSealer.none());
    }

    /** Opens the store at {@code location} with {@code settings}, without a secrets key (nothing new is sealed). */
    public static JdbcStore open(StoreLocation location, StoreSettings settings) {
        return open(location, settings, SecretSealer.none());
    }

    /** Opens the store at {@code location} with the default settings, sealing secrets with {@code sealer}. */
    public static JdbcStore open(StoreLocation location, SecretSealer sealer) {
        return open(location, StoreSettings.defaults(), sealer);
    }

    /**
     * Opens (creating if needed) the store at {@code location}, sealing secrets with {@code sealer}, and brings its
     * schema up to date. Salts still held in clear (a store migrated without a key) are sealed now. An embedded
     * database's directory is created with mode 700 and its files are set to 600.
     *
     * @throws IllegalArgumentException when {@code store_password_file} cannot be read
     * @throws StoreInUseException when another process has the embedded database open
     * @throws StoreException when the database cannot be reached (the message says why) or migrated
     */
    public static JdbcStore open(StoreLocation location, StoreSettings settings, SecretSealer sealer) {
        Path file = location.embeddedFile();
        if (file != null && file.getParent() != null && !Files.isDirectory(file.getParent())) PrivateFiles.directory(file.getParent());
        ConnectionFactory factory = ConnectionFactory.of(location, settings);
        // the pool starts (classes, threads; no connection yet) while the first connection opens the database
        CompletableFuture<StorePool> starting = CompletableFuture.supplyAsync(
                () -> new StorePool(factory, location.kind(), settings.poolSize()));
        // a first connection of our own tells why the database cannot be reached, and keeps an embedded database
        // open between Flyway's connections and until the pool has one of its own
        Connection first = null;
        try {
            first = factory.open();
            migrate(first, factory, location, sealer);
            StorePool pool = starting.join();
            pool.warmUp();
            JdbcStore store = new JdbcStore(location, factory, pool, sealer);
            try {
                if (file != null) store.restrictEmbeddedFiles(file);
                Resealing.reseal(store.jdbc, sealer, store.salts);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (SQLException e) {
            starting.whenComplete((pool, error) -> { if (pool != null) pool.close(); });
            if (inUse(e)) throw new StoreInUseException(embeddedDirectory(location), e);
            throw new StoreException("could not open " + location.description() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            starting.whenComplete((pool, error) -> { if (pool != null) pool.close(); });
            throw e;
        } finally {
            ConnectionFactory.closeQuietly(first);
        }
    }

    /** Where an embedded database keeps its salt table's layout ({@code openuid.salt-layout}), else null. */
    private static Path saltLayoutFile(StoreLocation location) {
        Path file = location.embeddedFile();
        if (file == null || file.getParent() == null) return null;
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ".mv.db".length()) + ".salt-layout");
    }

    /** Sets the embedded database's own files ({@code openuid.*} beside {@code openuid.mv.db}) to mode 600. */
    private void restrictEmbeddedFiles(Path file) {
        String name = file.getFileName().toString();
        String prefix = name.substring(0, name.length() - ".mv.db".length()) + ".";
        try (java.nio.file.DirectoryStream<Path> files = Files.newDirectoryStream(file.getParent(), prefix + "*")) {
            for (Path f : files) PrivateFiles.file(f);
        } catch (java.io.IOException e) {
            throw new StoreException("cannot set the permissions of " + location.description(), e);
        }
    }

    /** The location this store was opened from; its {@code toString()} is safe to log. */
    public StoreLocation location() {
        return location;
    }

    @Override
    public String toString() {
        return "JdbcStore[" + location.description() + "]";
    }

    private static void migrate(Connection first, ConnectionFactory factory, StoreLocation location, SecretSealer sealer) {
        if (schemaIsCurrent(first)) return;
        try {
            Flyway.configure()
                    .dataSource(new FactoryDataSource(factory))
                    .locations(MIGRATIONS)
                    .javaMigrations(new V6__Change_notifications(),
                            new V9__Seal_salts(sealer))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            throw new StoreException("could not migrate the schema of " + location.description(), e);
        }
    }

    /** H2's "database may be already in use": another process has the file open. */
    private static boolean inUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1) return true;
        }
        return false;
    }

    private static String embeddedDirectory(StoreLocation location) {
        Path file = location.embeddedFile();
        return file == null || file.getParent() == null ? location.description() : file.getParent().toString();
    }

    /**
     * Whether the schema history says every migration of this build ran successfully and nothing newer did. Then
     * Flyway is not started at all: loading and scanning its migrations is a few hundred milliseconds of every start.
     * Anything else (a new store, an older schema, a failed or unknown migration, a history that cannot be read)
     * goes through Flyway, which migrates, or refuses with its own message.
     */
    static boolean schemaIsCurrent(Connection c) {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL")) {
            int newest = -1;
            while (rs.next()) {
                if (!rs.getBoolean(2)) return false;
                newest = Math.max(newest, Integer.parseInt(rs.getString(1).trim()));
            }
            return newest == SCHEMA_VERSION;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ state

    @Override
    public boolean isEmpty() {
        return jdbc.read("check whether the store is empty", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM salt_metadata")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    @Override
    public long changeVersion() {
        return jdbc.read("read the change version", Jdbc::version);
    }

    @Override
    public StoreData loadAll() {
        int isolation = location.kind() == StoreLocation.Kind.POSTGRESQL
                ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            StoreData data = jdbc.transaction("load the store", isolation, this::loadOnce);
            if (data != null) return data;
            LOG.debug("store changed while loading, retrying (attempt {})", attempt);
        }
        throw new StoreException("could not load a consistent snapshot: the store kept changing", null);
    }

    /** One load attempt; null when the change version moved while reading. */
    private StoreData loadOnce(Connection c) throws SQLException {
        long before = Jdbc.version(c);
        List<Site> siteRows = SiteRows.all(c);
        List<ClientKey> clientRows = clients.all(c);
        List<Keyset> keysetRows = KeysetRows.keysets(c);
        List<KeysetKey> keys = keysets.keys(c);
        List<ClientSideKeypair> keypairRows = keypairs.all(c);
        RuntimeConfig runtimeConfig = ConfigRows.read(c);
        SaltMetadata saltMetadata = salts.metadata(c);
        SaltRows.Cached saltTable = salts.salts(c);
        List<Service> serviceRows = ServiceRows.services(c);
        List<ServiceLink> links = ServiceRows.links(c);
        if (Jdbc.version(c) != before) return null;
        salts.cache(saltTable);
        return new StoreData(before, List.copyOf(siteRows), List.copyOf(clientRows), List.copyOf(keysetRows),
                List.copyOf(keys), List.copyOf(keypairRows), runtimeConfig, saltMetadata, saltTable.table(),
                serviceRows, links);
    }

    // ------------------------------------------------------------------ per-aggregate rows

    @Override public void upsertSite(Site site) { sites.upsert(site); }
    @Override public Optional<Site> site(int siteId) { return sites.site(siteId); }
    @Override public int nextSiteId() { return sites.nextSiteId(); }

    @Override public void upsertClient(ClientKey client) { clients.upsert(client); }
    @Override public Optional<ClientKey> clientByKeyId(String keyId) { return clients.byKeyId(keyId); }

    @Override public void upsertKeyset(Keyset keyset) { keysets.upsertKeyset(keyset); }
    @Override public int nextKeysetId() { return keysets.nextKeysetId(); }
    @Override public void insertKey(KeysetKey key) { keysets.insertKey(key); }
    @Override public void deleteKey(int keyId) { keysets.deleteKey(keyId); }
    @Override public int nextKeyId() { return keysets.nextKeyId(); }

    @Override public void upsertKeypair(ClientSideKeypair keypair) { keypairs.upsert(keypair); }

    @Override public void upsertService(Service service) { services.upsertService(service); }
    @Override public void upsertServiceLink(ServiceLink link) { services.upsertServiceLink(link); }

    /** @throws IllegalArgumentException when the configuration is inconsistent ({@link RuntimeConfig#validate()}) */
    @Override public void setRuntimeConfig(RuntimeConfig runtimeConfig) { config.set(runtimeConfig); }

    @Override public void setSaltMetadata(SaltMetadata metadata) { salts.setMetadata(metadata); }

    /** @throws IllegalArgumentException when two buckets have the same id */
    @Override public void replaceSaltBuckets(List<SaltBucket> buckets) { salts.replaceBuckets(buckets); }

    /** @throws IllegalArgumentException when a bucket id is unknown or given twice (nothing is changed then) */
    @Override public void updateSaltBuckets(List<SaltBucket> buckets) { salts.updateBuckets(buckets); }

    @Override public long addOptOut(OptOutRecord record) { return optOuts.add(record); }
    @Override public int addOptOuts(List<OptOutRecord> records) { return optOuts.addAll(records); }
    @Override public List<OptOutEntry> optOutsAfter(long afterSequence, int limit) { return optOuts.after(afterSequence, limit); }

    @Override
    public Optional<OptOutImportProgress> optOutImport(String fileSha256) {
        return optOuts.importProgress(fileSha256);
    }

    @Override
    public OptOutImportProgress addImportedOptOuts(List<OptOutRecord> records, long previousOffset,
                                                   OptOutImportProgress progress) {
        return optOuts.addImported(records, previousOffset, progress);
    }

    @Override public List<AdminToken> adminTokens() { return admin.adminTokens(); }
    @Override public void upsertAdminToken(AdminToken token) { admin.upsertAdminToken(token); }
    @Override public long appendAudit(AuditEntry e) { return admin.appendAudit(e); }
    @Override public List<AuditEntry> auditLog(long beforeSequence, int limit) { return admin.auditLog(beforeSequence, limit); }

    // ------------------------------------------------------------------ coordination between nodes

    @Override
    public JobLock jobLock() {
        return jobLock;
    }

    /**
     * Writes made through this store object are reported to {@code listener} right after they commit; on
     * PostgreSQL a {@link PostgresChangeFeed} also reports every node's writes (NOTIFY from migration V6).
     */
    @Override
    public ChangeFeed watch(ChangeListener listener) {
        listeners.add(listener);
        ChangeFeed remote = location.kind() == StoreLocation.Kind.POSTGRESQL
                ? new PostgresChangeFeed(factory, listener, location.description()) : null;
        return new ChangeFeed() {
            @Override
            public boolean connected() {
                return remote == null || remote.connected();
            }

            @Override
            public void close() {
                listeners.remove(listener);
                if (remote != null) remote.close();
            }
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
