package org.openuid.store;

import org.openuid.core.model.Keyset;
import org.openuid.core.model.KeysetKey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

import static org.openuid.store.Jdbc.maxOf;
import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code keysets} and {@code keyset_keys} tables; key secrets are sealed. */
final class KeysetRows {

    private static final List<String> KEYSET_COLUMNS =
            List.of("site_id", "name", "allowed_sites", "created", "enabled", "is_default");

    private final Jdbc jdbc;
    private final Sealing sealing;

    KeysetRows(Jdbc jdbc, Sealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    void upsertKeyset(Keyset keyset) {
        jdbc.write("save keyset " + keyset.keysetId(), (c, v) -> Jdbc.upsert(c, "keysets", "keyset_id", KEYSET_COLUMNS, ps -> {
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

    static List<Keyset> keysets(Connection c) throws SQLException {
        return query(c, "SELECT keyset_id, site_id, name, allowed_sites, created, enabled, is_default"
                + " FROM keysets ORDER BY keyset_id", null, KeysetRows::keyset);
    }

    private static Keyset keyset(ResultSet rs) throws SQLException {
        return new Keyset(rs.getInt(1), rs.getInt(2), rs.getString(3), Columns.ints(rs.getString(4)), rs.getLong(5),
                rs.getBoolean(6), rs.getBoolean(7));
    }

    int nextKeysetId() {
        return jdbc.read("compute the next keyset id",
                c -> Math.max(100, 1 + maxOf(c, "SELECT MAX(keyset_id) FROM keysets")));
    }

    void insertKey(KeysetKey key) {
        jdbc.write("add key " + key.id(), (c, v) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO keyset_keys"
                    + " (key_id, keyset_id, created, activates, expires, secret) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, key.id());
                ps.setInt(2, key.keysetId());
                ps.setLong(3, key.created());
                ps.setLong(4, key.activates());
                ps.setLong(5, key.expires());
                ps.setBytes(6, sealing.sealBytes(key.secret()));
                ps.executeUpdate();
            }
        });
    }

    void deleteKey(int keyId) {
        jdbc.write("delete key " + keyId, (c, v) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM keyset_keys WHERE key_id = ?")) {
                ps.setInt(1, keyId);
                ps.executeUpdate();
            }
        });
    }

    List<KeysetKey> keys(Connection c) throws SQLException {
        return query(c, "SELECT key_id, keyset_id, created, activates, expires, secret"
                + " FROM keyset_keys ORDER BY key_id", null, this::key);
    }

    private KeysetKey key(ResultSet rs) throws SQLException {
        return new KeysetKey(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), sealing.openBytes(rs.getBytes(6)));
    }

    int nextKeyId() {
        return jdbc.read("compute the next key id", c -> 1 + Math.max(0, maxOf(c, "SELECT MAX(key_id) FROM keyset_keys")));
    }
}
