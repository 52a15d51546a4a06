package org.openuid.store;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Schema version 6: change notifications. On PostgreSQL, triggers raise {@code NOTIFY openuid_changes} whenever
 * {@code change_version} moves and {@code NOTIFY openuid_optouts} whenever opt-outs are appended, in the writing
 * transaction (so the notification is delivered at commit, and never for a rolled-back write). The payload is the
 * table's schema, so deployments sharing one database in different schemas ignore each other's notifications.
 * On the embedded store, which one process owns, there is nothing to do: that process notifies itself.
 */
final class V6__Change_notifications extends BaseJavaMigration {

    private static final String[] POSTGRESQL = {
            "CREATE OR REPLACE FUNCTION openuid_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                    + "BEGIN\n"
                    + "  PERFORM pg_notify(CASE WHEN TG_TABLE_NAME = 'optouts' THEN 'openuid_optouts'"
                    + " ELSE 'openuid_changes' END, TG_TABLE_SCHEMA);\n"
                    + "  RETURN NULL;\n"
                    + "END\n"
                    + "$$",
            "CREATE TRIGGER change_version_notify AFTER UPDATE ON change_version"
                    + " FOR EACH STATEMENT EXECUTE PROCEDURE openuid_notify_change()",
            "CREATE TRIGGER optouts_notify AFTER INSERT ON optouts"
                    + " FOR EACH STATEMENT EXECUTE PROCEDURE openuid_notify_change()"
    };

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (!product.contains("postgresql")) return;
        try (Statement s = c.createStatement()) {
            for (String sql : POSTGRESQL) s.execute(sql);
        }
    }
}
