package org.openuid.store;

import org.openuid.core.model.ClientKey;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code client_keys} table; client secrets are sealed. */
final class ClientRows {

    private static final String CLIENT_COLUMNS =
            "key_id, key_hash, key_salt, secret, name, contact, created, roles, site_id, disabled, service_id";
    private static final List<String> CLIENT_UPDATE_COLUMNS = List.of("key_hash", "key_salt", "secret", "name",
            "contact", "created", "roles", "site_id", "disabled", "service_id");

    private final Jdbc jdbc;
    private final Sealing sealing;

    ClientRows(Jdbc jdbc, Sealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    void upsert(ClientKey client) {
        jdbc.write("save client key " + client.keyId(), (c, v) -> Jdbc.upsert(c, "client_keys", "key_id", CLIENT_UPDATE_COLUMNS, ps -> {
            ps.setBytes(1, client.keyHash());
            ps.setBytes(2, client.keySalt());
            ps.setBytes(3, sealing.sealBytes(client.secret()));
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

    Optional<ClientKey> byKeyId(String keyId) {
        return jdbc.read("read a client key", c -> first(query(c, "SELECT " + CLIENT_COLUMNS + " FROM client_keys WHERE key_id = ?",
                ps -> ps.setString(1, keyId), this::client)));
    }

    List<ClientKey> all(Connection c) throws SQLException {
        return query(c, "SELECT " + CLIENT_COLUMNS + " FROM client_keys ORDER BY key_id", null, this::client);
    }

    private ClientKey client(ResultSet rs) throws SQLException {
        return new ClientKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3), sealing.openBytes(rs.getBytes(4)), rs.getString(5),
                rs.getString(6), rs.getLong(7), Columns.roles(rs.getString(8)), rs.getInt(9), rs.getBoolean(10),
                rs.getInt(11));
    }
}
