package org.openuid.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link OptOutStoreTest} on an embedded H2 file database. */
class EmbeddedOptOutStoreTest extends OptOutStoreTest {
    @TempDir
    Path dir;

    @Override
    protected void createDatabase() { }

    @Override
    protected Store openStore() {
        return Stores.open(dir.toString());
    }

    @Override
    protected void dropDatabase() { }

    @Override
    protected String[] jdbc() {
        StoreLocation l = StoreLocation.embedded(dir);
        return new String[] {l.jdbcUrl(), "sa", ""};
    }
}
