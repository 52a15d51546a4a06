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
 * Seals the client secrets, keyset key secrets and CSTG private keys that a store holds in clear, when it is opened
 * with a secrets key: those written before the key was configured (a PostgreSQL deployment that started without
 * {@code secrets_key}) or by a process that opened the store without one. The salts have their own pass
 * ({@link SaltRows#sealClearSalts}).
 *
 * <p>Each value is replaced only if it still holds the clear value that was read, so nodes that open the store at the
 * same moment seal each value once. Nothing is sealed with a key that does not open what the store holds sealed
 * already: a node given the wrong key would otherwise seal the clear values under it, and every node with the right
 * key would then fail to read them.
 */
final class ClearSecrets {
    private static final Logger LOG = LoggerFactory.getLogger(ClearSecrets.class);

    /** A column holding one secret per row, found by its primary key. */
    private record Column(String table, String key, String column, boolean text) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("client_keys", "key_id", "secret", false),
            new Column("keyset_keys", "key_id", "secret", false),
            new Column("client_side_keypairs", "subscription_id", "private_key", true));

    /** A clear value and the row it is in. */
    private record Clear(Column column, Object key, Object value) {}

    /** The clear values found, and one sealed value (or null) to check the key against. */
    private record Found(List<Clear> clear, Object sealedSample) {}

    private ClearSecrets() {}

    /** Seals what is clear (one read when nothing is). */
    static void seal(Jdbc jdbc, SecretSealer sealer) {
        if (!sealer.enabled()) return;
        Found found = jdbc.read("look for clear secrets", ClearSecrets::find);
        if (found.clear.isEmpty() || !opens(sealer, found.sealedSample)) return;
        jdbc.write("seal the clear secrets", (c, v) -> {
            int sealed = seal(c, found.clear, sealer);
            LOG.info("sealed {} clear secrets (client secrets, key secrets, CSTG private keys) with the secrets key", sealed);
        });
    }

    /**
     * Whether {@code sealer}'s key opens the values the store holds sealed (true when it holds none): the check
     * before anything clear is sealed, here and for the salts.
     */
    static boolean keyOpensStore(Jdbc jdbc, SecretSealer sealer) {
        return opens(sealer, jdbc.read("check the secrets key", ClearSecrets::find).sealedSample);
    }

    private static boolean opens(SecretSealer sealer, Object sealedSample) {
        if (sealedSample == null) return true;
        try {
            if (sealedSample instanceof String text) sealer.openText(text);
            else sealer.openBytes((byte[]) sealedSample);
            return true;
        } catch (StoreException wrongKey) {
            return false; // nothing is sealed; loading the store reports the wrong key
        }
    }

    private static Found find(Connection c) throws SQLException {
        List<Clear> clear = new ArrayList<>();
        Object sample = null;
        for (Column col : COLUMNS) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + col.key + ", " + col.column + " FROM " + col.table)) {
                while (rs.next()) {
                    Object value = col.text ? rs.getString(2) : rs.getBytes(2);
                    boolean sealed = col.text ? SecretSealer.isSealed((String) value) : SecretSealer.isSealed((byte[]) value);
                    if (value != null && !sealed) clear.add(new Clear(col, rs.getObject(1), value));
                    else if (sealed && sample == null) sample = value;
                }
            }
        }
        if (sample == null) {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT first_level_salt FROM salt_metadata WHERE id = 1")) {
                if (rs.next() && SecretSealer.isSealed(rs.getString(1))) sample = rs.getString(1);
            }
        }
        return new Found(clear, sample);
    }

    private static int seal(Connection c, List<Clear> clear, SecretSealer sealer) throws SQLException {
        int sealed = 0;
        for (Clear v : clear) {
            Column col = v.column;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + col.table + " SET " + col.column + " = ? WHERE "
                    + col.key + " = ? AND " + col.column + " = ?")) {
                if (col.text) {
                    ps.setString(1, sealer.sealText((String) v.value));
                    ps.setString(3, (String) v.value);
                } else {
                    ps.setBytes(1, sealer.sealBytes((byte[]) v.value));
                    ps.setBytes(3, (byte[]) v.value);
                }
                ps.setObject(2, v.key);
                sealed += ps.executeUpdate();
            }
        }
        return sealed;
    }
}
