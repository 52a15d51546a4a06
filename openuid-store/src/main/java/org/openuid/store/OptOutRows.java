package org.openuid.store;

import org.openuid.core.model.OptOutRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.query;

/**
 * The {@code optouts} log and {@code optout_imports} progress. Appends lock their own single row
 * ({@code optout_append_lock}) rather than the change version, so that sequence numbers become visible in increasing
 * order; on H2 every write is followed by a synced checkpoint.
 */
final class OptOutRows {

    private final Jdbc jdbc;
    private final ChangeListeners listeners;
    private final StoreLocation.Kind kind;

    OptOutRows(Jdbc jdbc, ChangeListeners listeners, StoreLocation.Kind kind) {
        this.jdbc = jdbc;
        this.listeners = listeners;
        this.kind = kind;
    }

    /** Inserts a record unless its (first-level hash, raw UID) pair exists; callers hold the append lock. */
    private static final String INSERT_NEW_OPT_OUT = "INSERT INTO optouts (first_level_hash, raw_uid, opted_out_at)"
            + " SELECT CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS BIGINT) WHERE NOT EXISTS"
            + " (SELECT 1 FROM optouts WHERE first_level_hash = ? AND raw_uid = ?)";
    private static final List<String> IMPORT_COLUMNS = List.of("file_size", "id_type", "next_offset", "lines_read",
            "added", "already_opted_out", "invalid", "complete", "updated_at", "unmatched");

    long add(OptOutRecord record) {
        long seq = jdbc.transaction("add an opt-out", 0, c -> {
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

    int addAll(List<OptOutRecord> records) {
        if (records.isEmpty()) return 0;
        int added = jdbc.transaction("add opt-outs", 0, c -> insertNewOptOuts(c, records));
        syncOptOuts();
        return added;
    }

    Optional<OptOutImportProgress> importProgress(String fileSha256) {
        return jdbc.read("read opt-out import progress", c -> first(query(c, "SELECT file_sha256, "
                + String.join(", ", IMPORT_COLUMNS) + " FROM optout_imports WHERE file_sha256 = ?",
                ps -> ps.setString(1, fileSha256),
                rs -> new OptOutImportProgress(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10),
                        rs.getLong(11)))));
    }

    OptOutImportProgress addImported(List<OptOutRecord> records, long previousOffset,
                                     OptOutImportProgress progress) {
        OptOutImportProgress saved = jdbc.transaction("import opt-outs", 0, c -> {
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
        Map<String, OptOutRecord> byPair = new LinkedHashMap<>();
        Base64.Encoder b64 = Base64.getEncoder();
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
        listeners.changed(ChangeListener.Change.OPT_OUTS);
        if (kind != StoreLocation.Kind.H2) return;
        jdbc.read("flush opt-outs to disk", c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
            return null;
        });
    }

    List<OptOutEntry> after(long afterSequence, int limit) {
        if (limit <= 0) return List.of();
        return jdbc.read("read opt-outs", c -> query(c, "SELECT seq, first_level_hash, raw_uid, opted_out_at FROM optouts"
                        + " WHERE seq > ? ORDER BY seq LIMIT ?", ps -> {
                    ps.setLong(1, afterSequence);
                    ps.setInt(2, limit);
                }, rs -> new OptOutEntry(rs.getLong(1), new OptOutRecord(rs.getBytes(2), rs.getBytes(3), rs.getLong(4)))));
    }
}
