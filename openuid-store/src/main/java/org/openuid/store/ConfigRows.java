package org.openuid.store;

import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.model.RuntimeConfig;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.nullableLong;
import static org.openuid.store.Jdbc.query;
import static org.openuid.store.Jdbc.setNullableLong;

/** The single {@code runtime_config} row. */
final class ConfigRows {

    private static final List<String> RUNTIME_CONFIG_COLUMNS = List.of("identity_token_expires_after_seconds",
            "refresh_token_expires_after_seconds", "refresh_identity_token_after_seconds", "sharing_token_expiry_seconds",
            "max_bidstream_lifetime_seconds", "max_sharing_lifetime_seconds", "identity_environment");

    private final Jdbc jdbc;

    ConfigRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws IllegalArgumentException when the configuration is inconsistent ({@link RuntimeConfig#validate()}) */
    void set(RuntimeConfig config) {
        config.validate();
        jdbc.write("save the runtime config", (c, v) -> Jdbc.upsert(c, "runtime_config", "id", RUNTIME_CONFIG_COLUMNS, ps -> {
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

    static RuntimeConfig read(Connection c) throws SQLException {
        return first(query(c, "SELECT " + String.join(", ", RUNTIME_CONFIG_COLUMNS) + " FROM runtime_config WHERE id = 1",
                null, rs -> new RuntimeConfig(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        nullableLong(rs, 5), nullableLong(rs, 6), IdentityEnvironment.parse(rs.getString(7))))).orElse(null);
    }
}
