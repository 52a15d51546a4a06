package org.openuid.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the client secrets, keyset key secrets and CSTG private keys of a store opened with a secrets key under that
 * key: values held in clear (written before the key was configured, e.g. by a PostgreSQL deployment started without
 * {@code secrets_key}, or by a process that opened the store without one) are sealed, and, while the key is being
 * rotated ({@link SecretSealer#rotating}), values sealed under one of the other keys are sealed again under the key.
 * The salts have their own pass ({@link SaltRows#sealClearSalts}), run from here after the same check of the key.
 *
 * <p>Each value is replaced only if it still holds what was read, so nodes that open the store at the same moment
 * write each value once. Nothing is written with a key that opens nothing the store holds sealed already: a node given
 * the wrong key would otherwise seal the clear values under it, and every node with the right key would then fail to
 * read them.
 */
final class Resealing {
    private static final Logger LOG = LoggerFactory.getLogger(Resealing.class);

    /** A column holding one secret per row, found by its primary key. */
    private record Column(String table, String key, String column, boolean text) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("client_keys", "key_id", "secret", false),
            new Column("keyset_keys", "key_id", "secret", false),
            new Column("client_side_keypairs", "subscription_id", "private_key", true));

    /** A value to replace: the row, what it holds and what it is to hold. */
    private record Change(Column column, Object key, Object stored, Object replacement) {}

    /**
     * The values to replace, one sealed value (or null) to check the key against, and whether a sealed value was
     * found that no key of the sealer opens.
     */
    private record Found(List<Change> changes, Object sealedSample, boolean unopenable) {}

    private Resealing() {}

    /**
     * Seals, at open, what is clear or under another key: the salts ({@link SaltRows#sealClearSalts}), then the
     * secrets, found in one read of their columns. Nothing at all when the sealer's keys do not open what the store
     * holds sealed already; loading the store then reports the wrong key.
     */
    static void reseal(Jdbc jdbc, SecretSealer sealer, SaltRows salts) {
        if (!sealer.enabled()) return;
        Found found = jdbc.read("look for secrets to seal", c -> find(c, sealer));
        if (found.unopenable || !opens(sealer, found.sealedSample)) return;
        salts.sealClearSalts();
        if (found.changes.isEmpty()) return;
        jdbc.write("seal the secrets", (c, v) -> {
            int sealed = write(c, found.changes);
            LOG.info("sealed {} secrets (client secrets, key secrets, CSTG private keys) with the secrets key", sealed);
        });
    }

    /** Whether the sealer's keys open {@code sample} (true without one). */
    private static boolean opens(SecretSealer sealer, Object sample) {
        if (sample == null) return true;
        try {
            if (sample instanceof String text) sealer.openText(text);
            else sealer.openBytes((byte[]) sample);
            return true;
        } catch (StoreException wrongKey) {
            return false;
        }
    }

    /** The values {@code sealer} would replace, and a sealed sample. */
    private static Found find(Connection c, SecretSealer sealer) throws SQLException {
        List<Change> changes = new ArrayList<>();
        Object sample = null;
        boolean unopenable = false;
        for (Column col : COLUMNS) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + col.key + ", " + col.column + " FROM " + col.table)) {
                while (rs.next()) {
                    Object stored = col.text ? rs.getString(2) : rs.getBytes(2);
                    if (stored == null) continue;
                    boolean sealed = col.text ? SecretSealer.isSealed((String) stored) : SecretSealer.isSealed((byte[]) stored);
                    if (sealed && sample == null) sample = stored;
                    try {
                        Object replacement = col.text ? sealer.reseal((String) stored) : sealer.reseal((byte[]) stored);
                        if (replacement != null) changes.add(new Change(col, rs.getObject(1), stored, replacement));
                    } catch (StoreException wrongKey) {
                        unopenable = true; // while rotating: sealed under none of the sealer's keys
                    }
                }
            }
        }
        if (sample == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT first_level_salt FROM salt_metadata WHERE id = 1")) {
                if (rs.next() && SecretSealer.isSealed(rs.getString(1))) sample = rs.getString(1);
            }
        }
        return new Found(changes, sample, unopenable);
    }

    private static int write(Connection c, List<Change> changes) throws SQLException {
        int written = 0;
        for (Change v : changes) {
            Column col = v.column;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + col.table + " SET " + col.column + " = ? WHERE "
                    + col.key + " = ? AND " + col.column + " = ?")) {
                if (col.text) {
                    ps.setString(1, (String) v.replacement);
                    ps.setString(3, (String) v.stored);
                } else {
                    ps.setBytes(1, (byte[]) v.replacement);
                    ps.setBytes(3, (byte[]) v.stored);
                }
                ps.setObject(2, v.key);
                written += ps.executeUpdate();
            }
        }
        return written;
    }
}
