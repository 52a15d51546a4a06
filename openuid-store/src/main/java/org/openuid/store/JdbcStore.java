package org.openuid.store;

import org.flywaydb.core.Flyway;
import org.openuid.core.identity.IdentityEnvironment;
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
import org.openuid.core.uid.SaltTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final int CHUNKS_PER_BATCH = 8;

    private final StoreLocation location;
    private final StorePool pool;
    private final ConnectionFactory factory;
    private final JobLock jobLock;
    private final List<ChangeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile CachedSalts cachedSalts;

    private record CachedSalts(long version, SaltTable table) {}

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface VersionedWork {
        void run(Connection c, long newVersion) throws SQLException;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private volatile SecretSealer sealer = SecretSealer.none();

    /**
     * Seals secrets written from now on and opens sealed ones read (see {@link SecretSealer}). Prefer
     * {@link #open(StoreLocation, SecretSealer)}, which also seals the salts an older store holds in clear.
     */
    public JdbcStore sealSecretsWith(SecretSealer sealer) {
        this.sealer = sealer;
        return this;
    }

    private JdbcStore(StoreLocation location, ConnectionFactory factory, StorePool pool, SecretSealer sealer) {
        this.location = location;
        this.sealer = sealer;
        this.factory = factory;
        this.pool = pool;
        this.jobLock = location.kind() == StoreLocation.Kind.POSTGRESQL
                ? new PostgresJobLock(factory) : new InProcessJobLock(location.jdbcUrl());
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
                store.sealClearSalts();
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

    /** Seals clear salts when a key is set and the first-level salt is still clear (one row read otherwise). */
    private void sealClearSalts() {
        if (!sealer.enabled()) return;
        boolean clear = read("read the salt metadata", c -> first(query(c,
                "SELECT first_level_salt FROM salt_metadata WHERE id = 1", null, rs -> rs.getString(1)))
                .map(salt -> !SecretSealer.isSealed(salt)).orElse(false));
        if (!clear) return;
        write("seal the salts", (c, v) -> {
            int sealed = org.openuid.store.migration.V9__Seal_salts.sealClearSalts(c, sealer);
            LOG.info("sealed {} clear salt values with the secrets key", sealed);
        });
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
                    .javaMigrations(new org.openuid.store.migration.V6__Change_notifications(),
                            new org.openuid.store.migration.V9__Seal_salts(sealer))
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
        return read("check whether the store is empty", c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM salt_metadata")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    @Override
    public long changeVersion() {
        return read("read the change version", JdbcStore::version);
    }

    @Override
    public StoreData loadAll() {
        int isolation = location.kind() == StoreLocation.Kind.POSTGRESQL
                ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_READ_COMMITTED;
        for (int attempt = 1; attempt <= LOAD_ATTEMPTS; attempt++) {
            StoreData data = transaction("load the store", isolation, this::loadOnce);
            if (data != null) return data;
            LOG.debug("store changed while loading, retrying (attempt {})", attempt);
        }
        throw new StoreException("could not load a consistent snapshot: the store kept changing", null);
    }

    /** One load attempt; null when the change version moved while reading. */
    private StoreData loadOnce(Connection c) throws SQLException {
        long before = version(c);
        List<Site> sites = sites(c);
        List<ClientKey> clients = query(c, "SELECT " + CLIENT_COLUMNS + " FROM client_keys ORDER BY key_id",
                null, this::client);
        List<Keyset> keysets = query(c, "SELECT keyset_id, site_id, name, allowed_sites, created, enabled, is_default"
                + " FROM keysets ORDER BY keyset_id", null, JdbcStore::keyset);
        List<KeysetKey> keys = query(c, "SELECT key_id, keyset_id, created, activates, expires, secret"
                + " FROM keyset_keys ORDER BY key_id", null, this::key);
        List<ClientSideKeypair> keypairs = query(c, "SELECT subscription_id, public_key, private_key, site_id, contact,"
                + " name, created, disabled FROM client_side_keypairs ORDER BY subscription_id", null, this::keypair);
        RuntimeConfig config = runtimeConfig(c);
        SaltMetadata saltMetadata = saltMetadata(c);
        CachedSalts salts = salts(c);
        List<Service> services = query(c, "SELECT service_id, site_id, name, roles FROM services ORDER BY service_id",
                null, rs -> new Service(rs.getInt(1), rs.getInt(2), rs.getString(3), Columns.roles(rs.getString(4))));
        List<ServiceLink> links = query(c, "SELECT link_id, service_id, site_id, name, roles, disabled FROM service_links"
                + " ORDER BY service_id, link_id", null, rs -> new ServiceLink(rs.getString(1), rs.getInt(2), rs.getInt(3),
                rs.getString(4), Columns.roles(rs.getString(5)), rs.getBoolean(6)));
        if (version(c) != before) return null;
        cachedSalts = salts;
        return new StoreData(before, List.copyOf(sites), List.copyOf(clients), List.copyOf(keysets), List.copyOf(keys),
                List.copyOf(keypairs), config, saltMetadata, salts.table(), services, links);
    }

    private CachedSalts salts(Connection c) throws SQLException {
        int count;
        long saltsVersion;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bucket_count, version FROM salt_bucket_set WHERE id = 1")) {
            rs.next();
            count = rs.getInt(1);
            saltsVersion = rs.getLong(2);
        }
        CachedSalts cached = cachedSalts;
        if (cached != null && cached.version() == saltsVersion) return cached;
        SaltTable.Builder builder = SaltTable.builder(count);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(CHUNKS_PER_BATCH);
            try (ResultSet rs = s.executeQuery("SELECT data FROM salt_bucket_chunks ORDER BY chunk_no")) {
                if (!sealer.enabled()) {
                    while (rs.next()) SaltChunkCodec.decodeInto(rs.getBytes(1), builder);
                } else {
                    openAhead(rs, builder);
                }
            }
        }
        SaltTable table = builder.build();
        if (table.size() != count)
            throw new StoreException("salt buckets are inconsistent: expected " + count + ", found " + table.size(), null);
        return new CachedSalts(saltsVersion, table);
    }

    /**
     * Decodes sealed chunks in order while the next few are opened on other cores: opening a chunk (AES-GCM over
     * about 220 KB) costs as much as decoding it while the JIT has not compiled the JDK's GCM yet, as at start-up.
     */
    private void openAhead(ResultSet rs, SaltTable.Builder builder) throws SQLException {
        int window = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.ArrayDeque<java.util.concurrent.CompletableFuture<byte[]>> opening = new java.util.ArrayDeque<>();
        boolean more = rs.next();
        while (more || !opening.isEmpty()) {
            while (more && opening.size() < window) {
                byte[] sealed = rs.getBytes(1);
                opening.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> sealer.openBytes(sealed)));
                more = rs.next();
            }
            try {
                SaltChunkCodec.decodeInto(opening.removeFirst().join(), builder);
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ sites

    private static final List<String> SITE_COLUMNS = List.of("name", "enabled", "domain_names", "app_names", "created");

    @Override
    public void upsertSite(Site site) {
        write("save site " + site.id(), (c, v) -> upsert(c, "sites", "site_id", SITE_COLUMNS, ps -> {
            ps.setString(1, nonNull(site.name()));
            ps.setBoolean(2, site.enabled());
            ps.setString(3, Columns.strings(site.domainNames()));
            ps.setString(4, Columns.strings(site.appNames()));
            ps.setLong(5, site.created());
            ps.setInt(6, site.id());
        }));
    }

    @Override
    public Optional<Site> site(int siteId) {
        return read("read site " + siteId, c -> first(query(c, "SELECT site_id, name, enabled, domain_names, app_names,"
                + " created FROM sites WHERE site_id = ?", ps -> ps.setInt(1, siteId), JdbcStore::site)));
    }

    private static List<Site> sites(Connection c) throws SQLException {
        return query(c, "SELECT site_id, name, enabled, domain_names, app_names, created FROM sites ORDER BY site_id",
                null, JdbcStore::site);
    }

    private static Site site(ResultSet rs) throws SQLException {
        return new Site(rs.getInt(1), rs.getString(2), rs.getBoolean(3), Columns.strings(rs.getString(4)),
                Columns.strings(rs.getString(5)), rs.getLong(6));
    }

    /** Greater than every site id in use (sites, client keys, keysets, keypairs) and at least 100. */
    @Override
    public int nextSiteId() {
        return read("compute the next site id", c -> Math.max(100, 1 + maxOf(c,
                "SELECT MAX(m) FROM (SELECT MAX(site_id) AS m FROM sites"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM client_keys"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM keysets"
                        + " UNION ALL SELECT MAX(site_id) AS m FROM client_side_keypairs) ids")));
    }

    // ------------------------------------------------------------------ clients

    private static final String CLIENT_COLUMNS =
            "key_id, key_hash, key_salt, secret, name, contact, created, roles, site_id, disabled, service_id";
    private static final List<String> CLIENT_UPDATE_COLUMNS = List.of("key_hash", "key_salt", "secret", "name",
            "contact", "created", "roles", "site_id", "disabled", "service_id");

    @Override
    public void upsertClient(ClientKey client) {
        write("save client key " + client.keyId(), (c, v) -> upsert(c, "client_keys", "key_id", CLIENT_UPDATE_COLUMNS, ps -> {
            ps.setBytes(1, client.keyHash());
            ps.setBytes(2, client.keySalt());
            ps.setBytes(3, sealer.sealBytes(client.secret()));
            ps.setString(4, nonNull(client.name()));
            ps.setString(5, nonNull(client.contact()));
            ps.setLong(6, client.created());
            ps.setString(7, Columns.roles(client.roles()));
            ps.setInt(8, client.siteId());
            ps.setBoolean(9, client.disabled());
            ps.setInt(10, client.serviceId());
            ps.setString(11, client.keyId());
        }));
    }

    @Override
    public Optional<ClientKey> clientByKeyId(String keyId) {
        return read("read a client key", c -> first(query(c, "SELECT " + CLIENT_COLUMNS + " FROM client_keys WHERE key_id = ?",
                ps -> ps.setString(1, keyId), this::client)));
    }

    private ClientKey client(ResultSet rs) throws SQLException {
        return new ClientKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3), sealer.openBytes(rs.getBytes(4)), rs.getString(5),
                rs.getString(6), rs.getLong(7), Columns.roles(rs.getString(8)), rs.getInt(9), rs.getBoolean(10),
                rs.getInt(11));
    }

    // ------------------------------------------------------------------ keysets and keys

    private static final List<String> KEYSET_COLUMNS =
            List.of("site_id", "name", "allowed_sites", "created", "enabled", "is_default");

    @Override
    public void upsertKeyset(Keyset keyset) {
        write("save keyset " + keyset.keysetId(), (c, v) -> upsert(c, "keysets", "keyset_id", KEYSET_COLUMNS, ps -> {
            ps.setInt(1, keyset.siteId());
            ps.setString(2, nonNull(keyset.name()));
            String allowed = Columns.ints(keyset.allowedSites());
            if (allowed == null) ps.setNull(3, Types.VARCHAR);
            else ps.setString(3, allowed);
            ps.setLong(4, keyset.created());
            ps.setBoolean(5, keyset.enabled());
            ps.setBoolean(6, keyset.isDefault());
            ps.setInt(7, keyset.keysetId());
        }));
    }

    private static Keyset keyset(ResultSet rs) throws SQLException {
        return new Keyset(rs.getInt(1), rs.getInt(2), rs.getString(3), Columns.ints(rs.getString(4)), rs.getLong(5),
                rs.getBoolean(6), rs.getBoolean(7));
    }

    @Override
    public int nextKeysetId() {
        return read("compute the next keyset id",
                c -> Math.max(100, 1 + maxOf(c, "SELECT MAX(keyset_id) FROM keysets")));
    }

    @Override
    public void insertKey(KeysetKey key) {
        write("add key " + key.id(), (c, v) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keyset_keys"
                    + " (key_id, keyset_id, created, activates, expires, secret) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, key.id());
                ps.setInt(2, key.keysetId());
                ps.setLong(3, key.created());
                ps.setLong(4, key.activates());
                ps.setLong(5, key.expires());
                ps.setBytes(6, sealer.sealBytes(key.secret()));
                ps.executeUpdate();
            }
        });
    }

    @Override
    public void deleteKey(int keyId) {
        write("delete key " + keyId, (c, v) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM keyset_keys WHERE key_id = ?")) {
                ps.setInt(1, keyId);
                ps.executeUpdate();
            }
        });
    }

    private KeysetKey key(ResultSet rs) throws SQLException {
        return new KeysetKey(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), sealer.openBytes(rs.getBytes(6)));
    }

    @Override
    public int nextKeyId() {
        return read("compute the next key id", c -> 1 + Math.max(0, maxOf(c, "SELECT MAX(key_id) FROM keyset_keys")));
    }

    // ------------------------------------------------------------------ client-side keypairs

    private static final List<String> KEYPAIR_COLUMNS =
            List.of("public_key", "private_key", "site_id", "contact", "name", "created", "disabled");

    @Override
    public void upsertKeypair(ClientSideKeypair keypair) {
        write("save client-side keypair " + keypair.subscriptionId(), (c, v) ->
                upsert(c, "client_side_keypairs", "subscription_id", KEYPAIR_COLUMNS, ps -> {
                    ps.setString(1, keypair.publicKey());
                    ps.setString(2, sealer.sealText(keypair.privateKey()));
                    ps.setInt(3, keypair.siteId());
                    ps.setString(4, nonNull(keypair.contact()));
                    ps.setString(5, nonNull(keypair.name()));
                    ps.setLong(6, keypair.created());
                    ps.setBoolean(7, keypair.disabled());
                    ps.setString(8, keypair.subscriptionId());
                }));
    }

    // ------------------------------------------------------------------ services and service links

    @Override
    public void upsertService(Service service) {
        write("save service " + service.serviceId(), (c, v) ->
                upsert(c, "services", "service_id", List.of("site_id", "name", "roles"), ps -> {
                    ps.setInt(1, service.siteId());
                    ps.setString(2, nonNull(service.name()));
                    ps.setString(3, Columns.roles(service.roles()));
                    ps.setInt(4, service.serviceId());
                }));
    }

    @Override
    public void upsertServiceLink(ServiceLink link) {
        write("save service link " + link.linkId(), (c, v) -> {
            Binder binder = ps -> {
                ps.setInt(1, link.siteId());
                ps.setString(2, nonNull(link.name()));
                ps.setString(3, Columns.roles(link.roles()));
                ps.setBoolean(4, link.disabled());
                ps.setInt(5, link.serviceId());
                ps.setString(6, link.linkId());
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE service_links SET site_id = ?, name = ?, roles = ?,"
                    + " disabled = ? WHERE service_id = ? AND link_id = ?")) {
                binder.bind(ps);
                if (ps.executeUpdate() > 0) return;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO service_links (site_id, name, roles, disabled,"
                    + " service_id, link_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                binder.bind(ps);
                ps.executeUpdate();
            }
        });
    }

    private ClientSideKeypair keypair(ResultSet rs) throws SQLException {
        return new ClientSideKeypair(rs.getString(1), rs.getString(2), sealer.openText(rs.getString(3)), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBoolean(8));
    }

    // ------------------------------------------------------------------ runtime config and salt metadata

    private static final List<String> RUNTIME_CONFIG_COLUMNS = List.of("identity_token_expires_after_seconds",
            "refresh_token_expires_after_seconds", "refresh_identity_token_after_seconds", "sharing_token_expiry_seconds",
            "max_bidstream_lifetime_seconds", "max_sharing_lifetime_seconds", "identity_environment");

    /** @throws IllegalArgumentException when the configuration is inconsistent ({@link RuntimeConfig#validate()}) */
    @Override
    public void setRuntimeConfig(RuntimeConfig config) {
        config.validate();
        write("save the runtime config", (c, v) -> upsert(c, "runtime_config", "id", RUNTIME_CONFIG_COLUMNS, ps -> {
            ps.setLong(1, config.identityTokenExpiresAfterSeconds());
            ps.setLong(2, config.refreshTokenExpiresAfterSeconds());
            ps.setLong(3, config.refreshIdentityTokenAfterSeconds());
            ps.setLong(4, config.sharingTokenExpirySeconds());
            setNullableLong(ps, 5, config.maxBidstreamLifetimeSeconds());
            setNullableLong(ps, 6, config.maxSharingLifetimeSeconds());
            ps.setString(7, config.identityEnvironment().name());
            ps.setInt(8, 1);
        }));
    }

    private static RuntimeConfig runtimeConfig(Connection c) throws SQLException {
        return first(query(c, "SELECT " + String.join(", ", RUNTIME_CONFIG_COLUMNS) + " FROM runtime_config WHERE id = 1",
                null, rs -> new RuntimeConfig(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        nullableLong(rs, 5), nullableLong(rs, 6), IdentityEnvironment.parse(rs.getString(7))))).orElse(null);
    }

    @Override
    public void setSaltMetadata(SaltMetadata metadata) {
        write("save the salt metadata", (c, v) -> upsert(c, "salt_metadata", "id",
                List.of("first_level_salt", "id_prefix", "id_secret"), ps -> {
                    ps.setString(1, sealer.sealText(metadata.firstLevelSalt()));
                    ps.setString(2, metadata.idPrefix());
                    ps.setString(3, sealer.sealText(metadata.idSecret()));
                    ps.setInt(4, 1);
                }));
    }

    private SaltMetadata saltMetadata(Connection c) throws SQLException {
        return first(query(c, "SELECT first_level_salt, id_prefix, id_secret FROM salt_metadata WHERE id = 1", null,
                rs -> new SaltMetadata(sealer.openText(rs.getString(1)), rs.getString(2), sealer.openText(rs.getString(3)))))
                .orElse(null);
    }

    // ------------------------------------------------------------------ salt buckets

    /** @throws IllegalArgumentException when two buckets have the same id */
    @Override
    public void replaceSaltBuckets(List<SaltBucket> buckets) {
        checkUniqueIds(buckets);
        write("replace the salt buckets", (c, version) -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM salt_bucket_chunks");
            }
            int total = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO salt_bucket_chunks (chunk_no, bucket_count, data) VALUES (?, ?, ?)")) {
                List<SaltBucket> chunk = new ArrayList<>(SaltChunkCodec.BUCKETS_PER_CHUNK);
                int chunkNo = 0;
                int pending = 0;
                for (SaltBucket b : buckets) {
                    chunk.add(b);
                    if (chunk.size() == SaltChunkCodec.BUCKETS_PER_CHUNK) {
                        addChunk(ps, chunkNo++, chunk);
                        total += chunk.size();
                        chunk.clear();
                        if (++pending == CHUNKS_PER_BATCH) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (!chunk.isEmpty()) {
                    addChunk(ps, chunkNo, chunk);
                    total += chunk.size();
                    pending++;
                }
                if (pending > 0) ps.executeBatch();
            }
            setBucketSet(c, total, version);
        });
    }

    /** @throws IllegalArgumentException when a bucket id is unknown or given twice (nothing is changed then) */
    @Override
    public void updateSaltBuckets(List<SaltBucket> buckets) {
        if (buckets.isEmpty()) return;
        Map<Integer, SaltBucket> updates = new HashMap<>();
        for (SaltBucket b : buckets) {
            if (updates.put(b.id(), b) != null) throw new IllegalArgumentException("salt bucket " + b.id() + " is given twice");
        }
        write("update salt buckets", (c, version) -> {
            int[] applied = {0};
            SaltChunkRows.rewrite(c, stored -> {
                byte[] data = sealer.openBytes(stored);
                List<SaltBucket> chunk = new ArrayList<>(SaltChunkCodec.count(data));
                int[] replaced = {0};
                SaltChunkCodec.decode(data, (id, lu, cs, rf, ps, ck, pk) -> {
                    SaltBucket u = updates.get(id);
                    if (u != null) replaced[0]++;
                    chunk.add(u != null ? u : new SaltBucket(id, lu, cs, rf, ps, ck, pk));
                });
                if (replaced[0] == 0) return null;
                applied[0] += replaced[0];
                return sealer.sealBytes(SaltChunkCodec.encode(chunk));
            });
            if (applied[0] != updates.size())
                throw new IllegalArgumentException((updates.size() - applied[0]) + " of the given salt bucket ids do not exist");
            try (PreparedStatement ps = c.prepareStatement("UPDATE salt_bucket_set SET version = ? WHERE id = 1")) {
                ps.setLong(1, version);
                ps.executeUpdate();
            }
        });
    }

    private void addChunk(PreparedStatement ps, int chunkNo, List<SaltBucket> chunk) throws SQLException {
        ps.setInt(1, chunkNo);
        ps.setInt(2, chunk.size());
        ps.setBytes(3, sealer.sealBytes(SaltChunkCodec.encode(chunk)));
        ps.addBatch();
    }

    private static void setBucketSet(Connection c, int count, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE salt_bucket_set SET bucket_count = ?, version = ? WHERE id = 1")) {
            ps.setInt(1, count);
            ps.setLong(2, version);
            ps.executeUpdate();
        }
    }

    private static void checkUniqueIds(List<SaltBucket> buckets) {
        int[] ids = new int[buckets.size()];
        int n = 0;
        for (SaltBucket b : buckets) ids[n++] = b.id();
        Arrays.sort(ids, 0, n);
        for (int i = 1; i < n; i++) {
            if (ids[i] == ids[i - 1]) throw new IllegalArgumentException("salt bucket id " + ids[i] + " is used twice");
        }
    }

    // ------------------------------------------------------------------ opt-outs

    /** Inserts a record unless its (first-level hash, raw UID) pair exists; callers hold the append lock. */
    private static final String INSERT_NEW_OPT_OUT = "INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at)"
            + " SELECT CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS BIGINT) WHERE NOT EXISTS"
            + " (SELECT 1 FROM optouts WHERE first_level_hash = ? AND raw_uid = ?)";
    private static final List<String> IMPORT_COLUMNS = List.of("file_size", "id_type", "next_offset", "lines_read",
            "added", "already_opted_out", "invalid", "complete", "updated_at", "unmatched");

    @Override
    public long addOptOut(OptOutRecord record) {
        long seq = transaction("add an opt-out", 0, c -> {
            lockOptOutAppends(c);
            List<Long> existing = query(c, "SELECT seq FROM optouts WHERE first_level_hash = ? AND raw_uid = ?", ps -> {
                ps.setBytes(1, record.firstLevelHash());
                ps.setBytes(2, record.rawUid());
            }, rs -> rs.getLong(1));
            if (!existing.isEmpty()) return existing.get(0);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at) VALUES (?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setBytes(1, record.firstLevelHash());
                ps.setBytes(2, record.rawUid());
                ps.setLong(3, record.timestampSeconds());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("no sequence number was generated");
                    return keys.getLong("seq");
                }
            }
        });
        syncOptOuts();
        return seq;
    }

    @Override
    public int addOptOuts(List<OptOutRecord> records) {
        if (records.isEmpty()) return 0;
        int added = transaction("add opt-outs", 0, c -> insertNewOptOuts(c, records));
        syncOptOuts();
        return added;
    }

    @Override
    public Optional<OptOutImportProgress> optOutImport(String fileSha256) {
        return read("read opt-out import progress", c -> first(query(c, "SELECT file_sha256, "
                + String.join(", ", IMPORT_COLUMNS) + " FROM optout_imports WHERE file_sha256 = ?",
                ps -> ps.setString(1, fileSha256),
                rs -> new OptOutImportProgress(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10),
                        rs.getLong(11)))));
    }

    @Override
    public OptOutImportProgress addImportedOptOuts(List<OptOutRecord> records, long previousOffset,
                                                   OptOutImportProgress progress) {
        OptOutImportProgress saved = transaction("import opt-outs", 0, c -> {
            int added = insertNewOptOuts(c, records);
            OptOutImportProgress p = new OptOutImportProgress(progress.fileSha256(), progress.fileSize(),
                    progress.idType(), progress.nextOffset(), progress.lines(), progress.added() + added,
                    progress.alreadyOptedOut() + records.size() - added, progress.invalid(), progress.complete(),
                    progress.updatedAt(), progress.unmatched());
            StringBuilder update = new StringBuilder("UPDATE optout_imports SET ");
            for (int i = 0; i < IMPORT_COLUMNS.size(); i++) update.append(i == 0 ? "" : ", ").append(IMPORT_COLUMNS.get(i)).append(" = ?");
            update.append(" WHERE file_sha256 = ? AND next_offset = ?");
            int updated;
            try (PreparedStatement ps = c.prepareStatement(update.toString())) {
                bindImport(ps, p);
                ps.setLong(IMPORT_COLUMNS.size() + 2, previousOffset);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                boolean exists = !query(c, "SELECT 1 FROM optout_imports WHERE file_sha256 = ?",
                        ps -> ps.setString(1, p.fileSha256()), rs -> 1).isEmpty();
                if (exists || previousOffset != 0) {
                    throw new StoreException("the import of this file moved on elsewhere: is another import of the same"
                            + " file running?", null);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO optout_imports ("
                        + String.join(", ", IMPORT_COLUMNS) + ", file_sha256) VALUES (" + "?, ".repeat(IMPORT_COLUMNS.size()) + "?)")) {
                    bindImport(ps, p);
                    ps.executeUpdate();
                }
            }
            return p;
        });
        syncOptOuts();
        return saved;
    }

    private static void bindImport(PreparedStatement ps, OptOutImportProgress p) throws SQLException {
        ps.setLong(1, p.fileSize());
        ps.setString(2, p.idType());
        ps.setLong(3, p.nextOffset());
        ps.setLong(4, p.lines());
        ps.setLong(5, p.added());
        ps.setLong(6, p.alreadyOptedOut());
        ps.setLong(7, p.invalid());
        ps.setBoolean(8, p.complete());
        ps.setLong(9, p.updatedAt());
        ps.setLong(10, p.unmatched());
        ps.setString(11, p.fileSha256());
    }

    /** Serialises opt-out appends so that sequence numbers become visible in increasing order. */
    private static void lockOptOutAppends(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE optout_append_lock SET appended = appended + 1 WHERE id = 1");
        }
    }

    /**
     * Inserts the records whose pair is new (under the append lock); @return how many pairs were new. A pair that is
     * recorded already with a later time is replaced by a record with the earlier time (a new sequence number, so every
     * node's index learns the earlier time): whatever order records arrive in, the earliest time of a pair stands.
     */
    private static int insertNewOptOuts(Connection c, List<OptOutRecord> records) throws SQLException {
        if (records.isEmpty()) return 0;
        List<OptOutRecord> pairs = earliestPerPair(records);
        lockOptOutAppends(c);
        int added = 0;
        List<OptOutRecord> existing = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT_NEW_OPT_OUT)) {
            for (OptOutRecord r : pairs) {
                ps.setBytes(1, r.firstLevelHash());
                ps.setBytes(2, r.rawUid());
                ps.setLong(3, r.timestampSeconds());
                ps.setBytes(4, r.firstLevelHash());
                ps.setBytes(5, r.rawUid());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == Statement.SUCCESS_NO_INFO) throw new SQLException("the driver did not report inserted rows");
                if (counts[i] > 0) added += counts[i];
                else existing.add(pairs.get(i));
            }
        }
        if (!existing.isEmpty()) replaceWithEarlier(c, existing);
        return added;
    }

    /** One record per (first-level hash, raw UID) pair, with the earliest time, in first-seen order. */
    private static List<OptOutRecord> earliestPerPair(List<OptOutRecord> records) {
        Map<String, OptOutRecord> byPair = new java.util.LinkedHashMap<>();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (OptOutRecord r : records) {
            byPair.merge(b64.encodeToString(r.firstLevelHash()) + " " + b64.encodeToString(r.rawUid()), r,
                    (a, b) -> b.timestampSeconds() < a.timestampSeconds() ? b : a);
        }
        return byPair.size() == records.size() ? records : new ArrayList<>(byPair.values());
    }

    /** For pairs already recorded: a record with a later time is deleted and this earlier one appended instead. */
    private static void replaceWithEarlier(Connection c, List<OptOutRecord> existing) throws SQLException {
        List<OptOutRecord> earlier = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM optouts WHERE first_level_hash = ? AND raw_uid = ? AND opted_out_at > ?")) {
            for (OptOutRecord r : existing) {
                ps.setBytes(1, r.firstLevelHash());
                ps.setBytes(2, r.rawUid());
                ps.setLong(3, r.timestampSeconds());
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) if (counts[i] > 0) earlier.add(existing.get(i));
        }
        if (earlier.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at) VALUES (?, ?, ?)")) {
            for (OptOutRecord r : earlier) {
                ps.setBytes(1, r.firstLevelHash());
                ps.setBytes(2, r.rawUid());
                ps.setLong(3, r.timestampSeconds());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Makes committed opt-outs durable: on H2 a synced checkpoint (run even when nothing was added, so that a caller
     * whose record was committed by a concurrent writer also returns only once it is on disk); PostgreSQL commits are
     * durable already.
     */
    private void syncOptOuts() {
        notifyListeners(ChangeListener.Change.OPT_OUTS);
        if (location.kind() != StoreLocation.Kind.H2) return;
        read("flush opt-outs to disk", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    @Override
    public List<OptOutEntry> optOutsAfter(long afterSequence, int limit) {
        if (limit <= 0) return List.of();
        return read("read opt-outs", c -> query(c, "SELECT seq, first_level_hash, raw_uid, opted_out_at FROM optouts"
                        + " WHERE seq > ? ORDER BY seq LIMIT ?", ps -> {
                    ps.setLong(1, afterSequence);
                    ps.setInt(2, limit);
                }, rs -> new OptOutEntry(rs.getLong(1), new OptOutRecord(rs.getBytes(2), rs.getBytes(3), rs.getLong(4)))));
    }

    // ------------------------------------------------------------------ administration

    private static final List<String> ADMIN_TOKEN_COLUMNS = List.of("name", "token_hash", "token_salt", "created", "disabled");

    @Override
    public List<AdminToken> adminTokens() {
        return read("read admin tokens", c -> query(c, "SELECT token_id, name, token_hash, token_salt, created, disabled"
                + " FROM admin_tokens ORDER BY created, token_id", null, rs -> new AdminToken(rs.getString(1),
                rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getLong(5), rs.getBoolean(6))));
    }

    @Override
    public void upsertAdminToken(AdminToken token) {
        transaction("save admin token " + token.tokenId(), 0, c -> {
            upsert(c, "admin_tokens", "token_id", ADMIN_TOKEN_COLUMNS, ps -> {
                ps.setString(1, nonNull(token.name()));
                ps.setBytes(2, token.hash());
                ps.setBytes(3, token.salt());
                ps.setLong(4, token.created());
                ps.setBoolean(5, token.disabled());
                ps.setString(6, token.tokenId());
            });
            return null;
        });
    }

    @Override
    public long appendAudit(AuditEntry e) {
        return transaction("append to the audit log", 0, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO admin_audit_log (at_ms, actor_id, actor_name,"
                    + " operation, target_type, target_id, details) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, e.atMs());
                ps.setString(2, nonNull(e.actorId()));
                ps.setString(3, nonNull(e.actorName()));
                ps.setString(4, nonNull(e.operation()));
                ps.setString(5, nonNull(e.targetType()));
                ps.setString(6, nonNull(e.targetId()));
                ps.setString(7, e.details() == null || e.details().isBlank() ? "{}" : e.details());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) throw new SQLException("no audit sequence number was generated");
                    return keys.getLong("seq");
                }
            }
        });
    }

    @Override
    public List<AuditEntry> auditLog(long beforeSequence, int limit) {
        if (limit <= 0) return List.of();
        long before = beforeSequence <= 0 ? Long.MAX_VALUE : beforeSequence;
        return read("read the audit log", c -> query(c, "SELECT seq, at_ms, actor_id, actor_name, operation, target_type,"
                + " target_id, details FROM admin_audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?", ps -> {
                    ps.setLong(1, before);
                    ps.setInt(2, limit);
                }, rs -> new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8))));
    }

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

    private void notifyListeners(ChangeListener.Change change) {
        for (ChangeListener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    // ------------------------------------------------------------------ JDBC plumbing

    private static long version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM change_version WHERE id = 1")) {
            if (!rs.next()) throw new SQLException("change_version row is missing");
            return rs.getLong(1);
        }
    }

    /** Runs {@code work} in a transaction that first increments the change version. */
    private void write(String what, VersionedWork work) {
        transaction(what, 0, c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE change_version SET version = version + 1 WHERE id = 1");
            }
            work.run(c, version(c));
            return null;
        });
        notifyListeners(ChangeListener.Change.SNAPSHOT);
    }

    private <T> T read(String what, SqlWork<T> work) {
        Connection c = borrow(what);
        boolean reusable = false;
        try {
            T result = work.run(c);
            reusable = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ConnectionFailure.connectionReason(e), e);
        } finally {
            pool.release(c, reusable);
        }
    }

    /** Runs {@code work} in one transaction; {@code isolation} 0 keeps the connection's default. */
    private <T> T transaction(String what, int isolation, SqlWork<T> work) {
        Connection c = borrow(what);
        boolean reusable = false;
        try {
            c.setAutoCommit(false);
            if (isolation != 0) c.setTransactionIsolation(isolation);
            T result = work.run(c);
            c.commit();
            reusable = true;
            return result;
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw new StoreException("could not " + what + ConnectionFailure.connectionReason(e), e);
        } catch (RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        } finally {
            reusable = reusable && resetQuietly(c, isolation);
            pool.release(c, reusable);
        }
    }

    private Connection borrow(String what) {
        try {
            return pool.borrow();
        } catch (SQLException e) {
            throw new StoreException("could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is discarded by the caller
        }
    }

    private static boolean resetQuietly(Connection c, int isolation) {
        try {
            if (isolation != 0) c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** UPDATE by key, INSERT when no row matched. Binder order: {@code columns...}, then the key. */
    private static void upsert(Connection c, String table, String keyColumn, List<String> columns, Binder binder)
            throws SQLException {
        StringBuilder update = new StringBuilder("UPDATE ").append(table).append(" SET ");
        for (int i = 0; i < columns.size(); i++) update.append(i == 0 ? "" : ", ").append(columns.get(i)).append(" = ?");
        update.append(" WHERE ").append(keyColumn).append(" = ?");
        try (PreparedStatement ps = c.prepareStatement(update.toString())) {
            binder.bind(ps);
            if (ps.executeUpdate() > 0) return;
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ", " + keyColumn + ") VALUES ("
                + "?, ".repeat(columns.size()) + "?)";
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            binder.bind(ps);
            ps.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (binder != null) binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** MAX(...) query result, {@link Integer#MIN_VALUE} when there are no rows. */
    private static int maxOf(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            int max = rs.getInt(1);
            return rs.wasNull() ? Integer.MIN_VALUE + 1 : max;
        }
    }

    private static void setNullableLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) ps.setNull(index, Types.BIGINT);
        else ps.setLong(index, value);
    }

    private static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
