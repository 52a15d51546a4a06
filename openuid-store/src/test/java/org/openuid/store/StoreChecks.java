package org.openuid.store;

import java.nio.file.Path;
import java.util.Properties;

/** Runs a check on an embedded store or on a PostgreSQL store in a schema of its own, with direct JDBC access to it. */
final class StoreChecks {
    private StoreChecks() {}

    /** A check of a store given by its location and, for direct access, its JDBC URL and properties. */
    interface StoreCheck {
        void run(String location, String url, Properties props) throws Exception;
    }

    /** Runs {@code check} on an embedded store in {@code dir}. */
    static void embedded(Path dir, StoreCheck check) throws Exception {
        StoreLocation l = StoreLocation.embedded(dir);
        check.run(dir.toString(), l.jdbcUrl(), l.properties());
    }

    /** Runs {@code check} on a store in a PostgreSQL schema of its own, dropped afterwards. */
    static void postgres(StoreCheck check) throws Exception {
        PostgresTestSchema schema = PostgresTestSchema.create();
        try {
            String[] jdbc = schema.jdbc();
            Properties p = new Properties();
            p.setProperty("user", jdbc[1]);
            p.setProperty("password", jdbc[2]);
            check.run("postgresql://" + PostgresTestSchema.SERVER + "?user=postgres&currentSchema=" + schema.name, jdbc[0], p);
        } finally {
            schema.drop();
        }
    }
}
