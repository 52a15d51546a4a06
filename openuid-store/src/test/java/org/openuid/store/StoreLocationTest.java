package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreLocationTest {

    @TempDir
    Path dir;

    @Test
    void embeddedPathIsTheDatabaseFilePrefix() {
        StoreLocation l = StoreLocation.parse(Stores.DEFAULT_LOCATION);
        Path abs = Path.of("data", "openuid").toAbsolutePath().normalize();
        assertThat(l.kind()).isEqualTo(StoreLocation.Kind.H2);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:h2:file:" + abs + ";TRACE_LEVEL_FILE=0");
        assertThat(l.embeddedFile()).isEqualTo(Path.of(abs + ".mv.db"));
        assertThat(StoreLocation.parse("data/openuid.mv.db").jdbcUrl()).isEqualTo(l.jdbcUrl());
    }

    @Test
    void existingDirectoryHoldsTheDatabase() {
        StoreLocation l = StoreLocation.parse(dir.toString());
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("openuid") + ";TRACE_LEVEL_FILE=0");
        assertThat(l.embeddedFile()).isEqualTo(dir.toAbsolutePath().resolve("openuid.mv.db"));
    }

    @Test
    void embeddedDatabaseRunsNoServer() {
        // AUTO_SERVER would make H2 listen on a TCP port on every interface and write its address and key to a lock file
        assertThat(StoreLocation.parse(dir.toString()).jdbcUrl()).doesNotContainIgnoringCase("AUTO_SERVER")
                .doesNotContainIgnoringCase("tcp");
    }

    @Test
    void postgresUrls() {
        StoreLocation l = StoreLocation.parse("postgresql://db.example:5433/openuid?user=op&password=s3cret&sslmode=require");
        assertThat(l.kind()).isEqualTo(StoreLocation.Kind.POSTGRESQL);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/openuid?user=op&password=s3cret&sslmode=require");
        assertThat(l.description()).isEqualTo("PostgreSQL db.example:5433/openuid").doesNotContain("s3cret");
        assertThat(l.toString()).doesNotContain("s3cret");

        StoreLocation withUserInfo = StoreLocation.parse("postgres://op:p%40ss@localhost/openuid");
        assertThat(withUserInfo.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/openuid");
        assertThat(withUserInfo.properties().getProperty("user")).isEqualTo("op");
        assertThat(withUserInfo.properties().getProperty("password")).isEqualTo("p@ss");
        assertThat(withUserInfo.toString()).doesNotContain("p@ss").doesNotContain("p%40ss");

        StoreLocation jdbc = StoreLocation.parse("jdbc:postgresql://h:1/d?password=x");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/d?password=x");
        assertThat(jdbc.description()).isEqualTo("PostgreSQL jdbc:postgresql://h:1/d");
    }

    @Test
    void rejectsUnusableLocations() {
        assertThatThrownBy(() -> StoreLocation.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://host:5432/")).isInstanceOf(IllegalArgumentException.class);
    }
}
