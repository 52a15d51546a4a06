package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store contract on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), each test in
 * a schema of its own. Runs only with {@code OPENUID_TEST_POSTGRES=1}, and then fails if PostgreSQL is unreachable.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
class PostgresStoreTest extends StoreContractTest {

    private PostgresTestSchema schema;

    @Override
    protected void createDatabase() throws Exception {
        schema = PostgresTestSchema.create();
    }

    @Override
    protected Store openStore() {
        return schema.open();
    }

    @Override
    protected void dropDatabase() throws Exception {
        if (schema != null) schema.drop();
    }

    @Override
    protected String backendName() {
        return "PostgreSQL";
    }

    @Test
    void tablesLiveInTheTestSchema() throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresTestSchema.ADMIN_URL); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema.name
                     + "' AND table_name IN ('change_version', 'salt_bucket_chunks', 'optouts')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void jdbcUrlLocationWorksToo() {
        try (JdbcStore other = Stores.open("jdbc:postgresql://" + PostgresTestSchema.SERVER + "?user=postgres&currentSchema=" + schema.name)) {
            assertThat(other.location().kind()).isEqualTo(StoreLocation.Kind.POSTGRESQL);
            assertThat(other.changeVersion()).isEqualTo(store.changeVersion());
        }
    }
}
