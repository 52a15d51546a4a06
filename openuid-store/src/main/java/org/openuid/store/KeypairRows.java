package org.openuid.store;

import org.openuid.core.model.ClientSideKeypair;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code client_side_keypairs} table; private keys are sealed. */
final class KeypairRows {

    private static final List<String> KEYPAIR_COLUMNS =
            List.of("public_key", "private_key", "site_id", "contact", "name", "created", "disabled");

    private final Jdbc jdbc;
    private final Sealing sealing;

    KeypairRows(Jdbc jdbc, Sealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    void upsert(ClientSideKeypair keypair) {
        jdbc.write("save client-side keypair " + keypair.subscriptionId(), (c, v) ->
                Jdbc.upsert(c, "client_side_keypairs", "subscription_id", KEYPAIR_COLUMNS, ps -> {
                    ps.setString(1, keypair.publicKey());
                    ps.setString(2, sealing.sealText(keypair.privateKey()));
                    ps.setInt(3, keypair.siteId());
                    ps.setString(4, nonNull(keypair.contact()));
                    ps.setString(5, nonNull(keypair.name()));
                    ps.setLong(6, keypair.created());
                    ps.setBoolean(7, keypair.disabled());
                    ps.setString(8, keypair.subscriptionId());
                }));
    }

    List<ClientSideKeypair> all(Connection c) throws SQLException {
        return query(c, "SELECT subscription_id, public_key, private_key, site_id, contact,"
                + " name, created, disabled FROM client_side_keypairs ORDER BY subscription_id", null, this::keypair);
    }

    private ClientSideKeypair keypair(ResultSet rs) throws SQLException {
        return new ClientSideKeypair(rs.getString(1), rs.getString(2), sealing.openText(rs.getString(3)), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBoolean(8));
    }
}
