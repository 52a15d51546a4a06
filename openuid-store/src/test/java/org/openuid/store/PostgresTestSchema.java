package org.openuid.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own in the PostgreSQL test database at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}), created by {@link #create()} and dropped with everything in it by {@link #drop()}.
 */
final class PostgresTestSchema {
    static final String SERVER = "127.0.0.1:5432/test";
    static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "?user=postgres&connectTimeout=10";

    final String name;

    private PostgresTestSchema(String name) {
        this.name = name;
    }

    static PostgresTestSchema create() throws Exception {
        PostgresTestSchema schema = new PostgresTestSchema("openuid_test_" + UUID.randomUUID().toString().replace("-", ""));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** Opens a store whose tables live in this schema. */
    JdbcStore open() {
        return Stores.open("postgresql://" + SERVER + "?user=postgres&currentSchema=" + name);
    }

    /** JDBC URL, user and password for direct access to this schema. */
    String[] jdbc() {
        return new String[] {"jdbc:postgresql://" + SERVER + "?currentSchema=" + name, "postgres", ""};
    }

    void drop() throws Exception {
        execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }

    private void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
