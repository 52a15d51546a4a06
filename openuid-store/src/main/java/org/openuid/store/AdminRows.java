package org.openuid.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.openuid.store.Jdbc.nonNull;
import static org.openuid.store.Jdbc.query;

/** The {@code admin_tokens} table and the {@code admin_audit_log}. */
final class AdminRows {

    private final Jdbc jdbc;

    AdminRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final List<String> ADMIN_TOKEN_COLUMNS = List.of("name", "token_hash", "token_salt", "created", "disabled");

    List<AdminToken> adminTokens() {
        return jdbc.read("read admin tokens", c -> query(c, "SELECT token_id, name, token_hash, token_salt, created, disabled"
                + " FROM admin_tokens ORDER BY created, token_id", null, rs -> new AdminToken(rs.getString(1),
                rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getLong(5), rs.getBoolean(6))));
    }

    void upsertAdminToken(AdminToken token) {
        jdbc.transaction("save admin token " + token.tokenId(), 0, c -> {
            Jdbc.upsert(c, "admin_tokens", "token_id", ADMIN_TOKEN_COLUMNS, ps -> {
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

    long appendAudit(AuditEntry e) {
        return jdbc.transaction("append to the audit log", 0, c -> {
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

    List<AuditEntry> auditLog(long beforeSequence, int limit) {
        if (limit <= 0) return List.of();
        long before = beforeSequence <= 0 ? Long.MAX_VALUE : beforeSequence;
        return jdbc.read("read the audit log", c -> query(c, "SELECT seq, at_ms, actor_id, actor_name, operation, target_type,"
                + " target_id, details FROM admin_audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?", ps -> {
                    ps.setLong(1, before);
                    ps.setInt(2, limit);
                }, rs -> new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8))));
    }
}
