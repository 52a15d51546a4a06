package org.openuid.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link OptOutStoreTest} on PostgreSQL at 127.0.0.1:5432 (database {@code test}, user {@code postgres}), in a schema
 * of its own. Runs only with {@code OPENUID_TEST_POSTGRES=1}.
 */
@EnabledIfEnvironmentVariable(named = "OPENUID_TEST_POSTGRES", matches = "1")
class PostgresOptOutStoreTest extends OptOutStoreTest {
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
    protected String[] jdbc() {
        return schema.jdbc();
    }
}
