package org.openuid.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** PostgreSQL locations with several hosts (failover with {@code targetServerType=primary}). */
class PostgresLocationTest {

    @Test
    void severalHostsAreKeptWithTheirPortsAndTheUserInfo() {
        StoreLocation l = StoreLocation.parse("postgresql://op:p%40ss@db1:5432,db2:5433/openuid?targetServerType=primary");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db1:5432,db2:5433/openuid?targetServerType=primary");
        assertThat(l.description()).isEqualTo("PostgreSQL db1:5432,db2:5433/openuid").doesNotContain("p@ss");
        assertThat(l.properties().getProperty("user")).isEqualTo("op");
        assertThat(l.properties().getProperty("password")).isEqualTo("p@ss");
    }

    @Test
    void aLocationWithoutHostMeansLocalhost() {
        assertThat(StoreLocation.parse("postgresql:///openuid").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/openuid");
    }
}
