package org.openuid.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * {@link OptOutStoreTest} on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), in a schema
 * of its own. Runs only with {@code OPENUID_TEST_POSTGRES=1}.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
class PostgresOptOutStoreTest extends OptOutStoreTest {
    private static final String SERVER = "127.0.0.1:5432/test";
    private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "?user=postgres&connectTimeout=10";

    private String schema;

    @Override
    protected void createDatabase() throws Exception {
        schema = "openuid_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    protected JdbcStore openStore() {
        return Stores.open("postgresql://" + SERVER + "?user=postgres&currentSchema=" + schema);
    }

    @Override
    protected void dropDatabase() throws Exception {
        if (schema == null) return;
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Override
    protected String[] jdbc() {
        return new String[] {"jdbc:postgresql://" + SERVER + "?currentSchema=" + schema, "postgres", ""};
    }
}
