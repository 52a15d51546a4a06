package org.openuid.store;

import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.SaltLayout;
import org.openuid.core.uid.SaltTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.query;

/**
 * The {@code salt_metadata} row and the salt buckets, stored in file order as sealed binary chunks of consecutive
 * buckets ({@link SaltChunkCodec}) in {@code salt_bucket_chunks}. The decoded {@link SaltTable} is cached until the
 * buckets change. An embedded store with a secrets key keeps the table's layout beside the database
 * ({@link SaltLayoutFile}): when it matches the stored chunks' version and count, a load reads no chunk but returns a
 * table that reads, opens and decodes each chunk when it is first needed ({@link SaltTable#lazy}, {@link LazySaltChunks}),
 * so a node answers its first requests after reading one chunk instead of all of them.
 */
final class SaltRows {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStore.class);
    private static final int CHUNKS_PER_BATCH = 8;
    /** Fewer chunks than this are decoded at once (there is little to gain). */
    static final int LAZY_MIN_CHUNKS = 4;

    private final Jdbc jdbc;
    private final Sealing sealing;
    /** Where the salt table's layout is kept (an embedded store), else null. */
    private final Path layoutFile;
    private volatile Cached cached;
    /** A table made from the layout file that may still read chunks from the store, else null. */
    private volatile SaltTable lazy;

    /** A decoded salt table and the {@code salt_bucket_set} version it was read at. */
    record Cached(long version, SaltTable table) {}

    SaltRows(Jdbc jdbc, Sealing sealing, Path layoutFile) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.layoutFile = layoutFile;
    }

    /**
     * Seals clear salts when a key is set and the first-level salt is still clear (one row read otherwise); while the
     * sealer is {@linkplain SecretSealer#rotating rotating}, also seals again under its key every salt value sealed
     * under another key (every chunk is read to find them). An embedded store's layout file names the chunks as they
     * were stored, so it is removed when chunks are rewritten.
     */
    void sealClearSalts() {
        SecretSealer sealer = sealing.sealer();
        if (!sealer.enabled()) return;
        boolean needed = jdbc.read("read the salt metadata", c -> {
            String salt = first(query(c, "SELECT first_level_salt FROM salt_metadata WHERE id = 1", null,
                    rs -> rs.getString(1))).orElse(null);
            if (salt == null) return false;
            if (!SecretSealer.isSealed(salt)) return true;
            return sealer.rotating() && (sealer.reseal(salt) != null || SaltChunkRows.anyToRewrite(c, sealer::reseal));
        });
        if (!needed) return;
        jdbc.write("seal the salts", (c, v) -> {
            int sealed = V9__Seal_salts.sealClearSalts(c, sealer);
            LOG.info("sealed {} salt values with the secrets key", sealed);
        });
        if (layoutFile != null) SaltLayoutFile.delete(layoutFile);
    }

    void setMetadata(SaltMetadata metadata) {
        jdbc.write("save the salt metadata", (c, v) -> Jdbc.upsert(c, "salt_metadata", "id",
                List.of("first_level_salt", "id_prefix", "id_secret"), ps -> {
                    ps.setString(1, sealing.sealText(metadata.firstLevelSalt()));
                    ps.setString(2, metadata.idPrefix());
                    ps.setString(3, sealing.sealText(metadata.idSecret()));
                    ps.setInt(4, 1);
                }));
    }

    SaltMetadata metadata(Connection c) throws SQLException {
        return first(query(c, "SELECT first_level_salt, id_prefix, id_secret FROM salt_metadata WHERE id = 1", null,
                rs -> new SaltMetadata(sealing.openText(rs.getString(1)), rs.getString(2), sealing.openText(rs.getString(3)))))
                .orElse(null);
    }

    /** The salt table, from the cache when the buckets have not changed since it was read. */
    Cached salts(Connection c) throws SQLException {
        int count;
        long saltsVersion;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT bucket_count, version FROM salt_bucket_set WHERE id = 1")) {
            rs.next();
            count = rs.getInt(1);
            saltsVersion = rs.getLong(2);
        }
        Cached cached = this.cached;
        if (cached != null && cached.version() == saltsVersion) return cached;
        if (layoutFile != null && sealing.enabled()) return withLayout(c, count, saltsVersion);
        SaltTable.Builder builder = SaltTable.builder(count);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(CHUNKS_PER_BATCH);
            try (ResultSet rs = s.executeQuery("SELECT data FROM salt_bucket_chunks ORDER BY chunk_no")) {
                if (!sealing.enabled()) {
                    while (rs.next()) SaltChunkCodec.decodeInto(rs.getBytes(1), builder);
                } else {
                    openAhead(rows(rs), builder, null);
                }
            }
        }
        return checked(saltsVersion, count, builder.build());
    }

    /** The first column of each row, as bytes. */
    private static Iterator<byte[]> rows(ResultSet rs) throws SQLException {
        boolean first = rs.next();
        return new Iterator<>() {
            boolean more = first;

            @Override
            public boolean hasNext() {
                return more;
            }

            @Override
            public byte[] next() {
                try {
                    byte[] data = rs.getBytes(1);
                    more = rs.next();
                    return data;
                } catch (SQLException e) {
                    throw new StoreException("cannot read the salt buckets: " + e.getMessage(), e);
                }
            }
        };
    }

    private static Cached checked(long saltsVersion, int count, SaltTable table) {
        if (table.size() != count)
            throw new StoreException("salt buckets are inconsistent: expected " + count + ", found " + table.size(), null);
        return new Cached(saltsVersion, table);
    }

    /**
     * When the layout file was taken at this salt version from as many chunks as are stored, returns a table that
     * reads and opens each chunk on first use ({@link LazySaltChunks} checks that it is the chunk the layout was taken
     * from); otherwise reads and decodes them all and writes the layout for the next load. Counting the rows reads
     * none of them.
     */
    private Cached withLayout(Connection c, int count, long saltsVersion) throws SQLException {
        SaltLayoutFile.Taken taken = SaltLayoutFile.read(layoutFile, saltsVersion);
        if (taken != null && taken.chunks() >= LAZY_MIN_CHUNKS && taken.layout().size() == count
                && taken.chunks() == chunkRows(c)) {
            SaltTable table = SaltTable.lazy(taken.layout(), new LazySaltChunks(jdbc, sealing, layoutFile, taken));
            lazy = table;
            return new Cached(saltsVersion, table);
        }
        List<SaltLayoutFile.Chunk> chunks = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.setFetchSize(CHUNKS_PER_BATCH);
            try (ResultSet rs = s.executeQuery("SELECT chunk_no, data FROM salt_bucket_chunks ORDER BY chunk_no")) {
                while (rs.next()) chunks.add(new SaltLayoutFile.Chunk(rs.getInt(1), rs.getBytes(2)));
            }
        }
        boolean sealed = chunks.size() >= LAZY_MIN_CHUNKS;
        for (SaltLayoutFile.Chunk chunk : chunks) sealed &= SecretSealer.isSealed(chunk.stored());
        SaltTable.Builder builder = SaltTable.builder(count);
        int[] buckets = new int[chunks.size()];
        openAhead(chunks.stream().map(SaltLayoutFile.Chunk::stored).iterator(), builder, buckets);
        Cached loaded = checked(saltsVersion, count, builder.build());
        if (sealed) SaltLayoutFile.write(layoutFile, saltsVersion, chunks, SaltLayout.of(loaded.table(), buckets));
        return loaded;
    }

    private static int chunkRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM salt_bucket_chunks")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Decodes the rest of a table still reading its chunks from the store before the chunks change, so that it never
     * meets a chunk written after the layout was taken (only this store writes an embedded database's chunks).
     */
    private void settleLazy() {
        SaltTable table = lazy;
        if (table == null) return;
        try {
            table.decodeAll();
        } catch (RuntimeException e) {
            LOG.warn("could not open every salt bucket chunk before changing them: {}", e.toString());
        }
        lazy = null;
    }

    /** Keeps {@code salts} for later loads (called once a consistent load has read them). */
    void cache(Cached salts) {
        this.cached = salts;
    }

    /**
     * Decodes sealed chunks in order while the next few are opened on other cores: opening a chunk (AES-GCM over
     * about 220 KB) costs as much as decoding it while the JIT has not compiled the JDK's GCM yet, as at start-up.
     */
    private void openAhead(Iterator<byte[]> stored, SaltTable.Builder builder, int[] buckets) {
        SecretSealer sealer = sealing.sealer();
        int window = 2 * Math.max(1, Runtime.getRuntime().availableProcessors());
        ArrayDeque<CompletableFuture<byte[]>> opening = new ArrayDeque<>();
        int chunk = 0;
        while (stored.hasNext() || !opening.isEmpty()) {
            while (stored.hasNext() && opening.size() < window) {
                byte[] sealed = stored.next();
                opening.add(CompletableFuture.supplyAsync(() -> sealer.openBytes(sealed)));
            }
            try {
                byte[] data = opening.removeFirst().join();
                if (buckets != null) buckets[chunk++] = SaltChunkCodec.count(data);
                SaltChunkCodec.decodeInto(data, builder);
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
    }

    /** @throws IllegalArgumentException when two buckets have the same id */
    void replaceBuckets(List<SaltBucket> buckets) {
        checkUniqueIds(buckets);
        settleLazy();
        jdbc.write("replace the salt buckets", (c, version) -> {
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
    void updateBuckets(List<SaltBucket> buckets) {
        if (buckets.isEmpty()) return;
        Map<Integer, SaltBucket> updates = new HashMap<>();
        for (SaltBucket b : buckets) {
            if (updates.put(b.id(), b) != null) throw new IllegalArgumentException("salt bucket " + b.id() + " is given twice");
        }
        settleLazy();
        jdbc.write("update salt buckets", (c, version) -> {
            int[] applied = {0};
            SaltChunkRows.rewrite(c, stored -> {
                byte[] data = sealing.openBytes(stored);
                List<SaltBucket> chunk = new ArrayList<>(SaltChunkCodec.count(data));
                int[] replaced = {0};
                SaltChunkCodec.decode(data, (id, lu, cs, rf, ps, ck, pk) -> {
                    SaltBucket u = updates.get(id);
                    if (u != null) replaced[0]++;
                    chunk.add(u != null ? u : new SaltBucket(id, lu, cs, rf, ps, ck, pk));
                });
                if (replaced[0] == 0) return null;
                applied[0] += replaced[0];
                return sealing.sealBytes(SaltChunkCodec.encode(chunk));
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
        ps.setBytes(3, sealing.sealBytes(SaltChunkCodec.encode(chunk)));
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
}
