package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Start-up skips Flyway only when the schema history shows exactly this build's migrations, all successful. */
class SchemaVersionTest {
    private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.(sql|java)$");

    @TempDir
    Path dir;

    @Test
    void schemaVersionIsTheNewestMigration() throws IOException {
        int newest = Math.max(newestIn(Path.of("src/main/resources/db/openuid")),
                newestIn(Path.of("src/main/java/org/openuid/store")));
        assertThat(JdbcStore.SCHEMA_VERSION).isEqualTo(newest);
    }

    @Test
    void aMigratedStoreIsCurrentAndAFailedOrNewerMigrationIsNot() throws SQLException {
        StoreLocation location = StoreLocation.embedded(dir);
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.properties())) {
            assertThat(JdbcStore.schemaIsCurrent(c)).as("no history table").isFalse();
        }
        Stores.open(dir.toString()).close();
        try (Connection c = DriverManager.getConnection(location.jdbcUrl(), location.properties());
             Statement s = c.createStatement()) {
            assertThat(JdbcStore.schemaIsCurrent(c)).isTrue();

            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '5'");
            assertThat(JdbcStore.schemaIsCurrent(c)).as("a failed migration").isFalse();
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"success\" = TRUE WHERE \"version\" = '5'");

            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"version\" = '" + (JdbcStore.SCHEMA_VERSION + 1)
                    + "' WHERE \"version\" = '" + JdbcStore.SCHEMA_VERSION + "'");
            assertThat(JdbcStore.schemaIsCurrent(c)).as("a schema from a newer build").isFalse();
            s.executeUpdate("UPDATE \"flyway_schema_history\" SET \"version\" = '" + JdbcStore.SCHEMA_VERSION
                    + "' WHERE \"version\" = '" + (JdbcStore.SCHEMA_VERSION + 1) + "'");
        }
        // reopening a current store works (and leaves it current)
        Stores.open(dir.toString()).close();
    }

    private static int newestIn(Path folder) throws IOException {
        int newest = -1;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = VERSION.matcher(p.getFileName().toString());
                if (m.matches()) newest = Math.max(newest, Integer.parseInt(m.group(1)));
            }
        }
        return newest;
    }
}
