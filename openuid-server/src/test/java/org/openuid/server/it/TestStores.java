package org.openuid.server.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Which store the server tests run on. By default a fresh embedded store per {@link TestOperator}; with the system
 * property {@code openuid.test.store=postgres} (set by the PostgreSQL surefire execution, which runs when
 * {@code OPENUID_TEST_POSTGRES} is set) a fresh schema in the PostgreSQL test database instead, dropped on close.
 * The database is {@code OPENUID_TEST_POSTGRES_URL} (a {@code jdbc:postgresql:} URL), by default
 * {@value #DEFAULT_URL}. An unreachable PostgreSQL fails the tests; it never skips them.
 */
public final class TestStores {
    public static final String PROPERTY = "openuid.test.store";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestStores() {}

    /** True when the server tests run on PostgreSQL. */
    public static boolean postgres() {
        return "postgres".equalsIgnoreCase(System.getProperty(PROPERTY, "embedded").trim());
    }

    /** The JDBC URL of the PostgreSQL test database (without a schema). */
    public static String postgresUrl() {
        String url = System.getenv("OPENUID_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url.trim();
    }

    /** A new, empty schema; {@link Schema#location()} is a store location that uses it. */
    public static Schema newSchema() throws SQLException {
        String name = "openuid_it_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(postgresUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        }
        return new Schema(name);
    }

    /** One test schema. */
    public record Schema(String name) implements AutoCloseable {
        /** A {@code jdbc:postgresql:} store location whose tables live in this schema. */
        public String location() {
            return location(postgresUrl());
        }

        /** The same schema reached through another base URL (e.g. a proxy's port). */
        public String location(String baseJdbcUrl) {
            return baseJdbcUrl + (baseJdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(postgresUrl()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }
}
