package org.openuid.store;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link AdminStoreTest} on an embedded H2 file database. */
class EmbeddedAdminStoreTest extends AdminStoreTest {
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
}
