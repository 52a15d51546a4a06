package org.openuid.store.importing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.store.JdbcStore;
import org.openuid.store.SnapshotLoader;
import org.openuid.store.StoreData;
import org.openuid.store.Stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Importer details that need no particular backend (the import itself is covered by {@link StoreContractTest}). */
class CoreDataImporterTest {

    @TempDir
    Path dir;

    @Test
    void parsesSaltLines() {
        assertThat(CoreDataImporter.parseSaltLine(
                "1000000,1806364800001,vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=,1814140800000, ,,,,,,", "t"))
                .isEqualTo(new SaltBucket(1000000, 1806364800001L, "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=",
                        1814140800000L, "", null, null));
        assertThat(CoreDataImporter.parseSaltLine("5,1,,2,,7, abc ,s,, x ,", "t"))
                .isEqualTo(new SaltBucket(5, 1, "", 2, "", new KeyMaterial(7, "abc", "s"), null));
        assertThat(CoreDataImporter.parseSaltLine("5,1,salt,2", "t")).isEqualTo(new SaltBucket(5, 1, "salt", 2, "", null, null));
        assertThatThrownBy(() -> CoreDataImporter.parseSaltLine("5,1,salt", "f line 3"))
                .isInstanceOf(ImportException.class).hasMessageContaining("f line 3");
        assertThatThrownBy(() -> CoreDataImporter.parseSaltLine("x,1,salt,2", "t")).isInstanceOf(ImportException.class);
        assertThatThrownBy(() -> CoreDataImporter.parseSaltLine("-5,1,salt,2", "t")).isInstanceOf(ImportException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void selectsTheSnapshotInForce() throws IOException {
        writeSalts("[{\"effective\":1000,\"expires\":5000,\"location\":\"/com.uid2.core/test/salts/a\",\"size\":1},"
                + "{\"effective\":2000,\"location\":\"/com.uid2.core/test/salts/b\",\"size\":1},"
                + "{\"effective\":9000,\"expires\":9500,\"location\":\"/com.uid2.core/test/salts/c\",\"size\":1}]");
        assertThat(importAt(1500).saltFile()).endsWith("a");
        assertThat(importAt(2500).saltFile()).endsWith("b");
        assertThat(importAt(9200).saltFile()).endsWith("c");
        assertThat(importAt(9600).saltFile()).as("b has the default one-year expiry").endsWith("b");
        assertThat(importAt(500).saltFile()).as("none in force: the last one").endsWith("c");
    }

    @Test
    void rejectsLocationsOutsideTheDataSet() throws IOException {
        writeSalts("[{\"effective\":1,\"location\":\"/com.uid2.core/test/../../etc/passwd\",\"size\":1}]");
        assertThatThrownBy(() -> importAt(2)).isInstanceOf(ImportException.class).hasMessageContaining("outside");
    }

    @Test
    void invalidDataWritesNothing() throws IOException {
        Files.createDirectories(dir.resolve("sites"));
        Files.writeString(dir.resolve("sites/metadata.json"), "{\"version\":1,\"sites\":{\"location\":\"/com.uid2.core/test/sites/sites.json\"}}");
        Files.writeString(dir.resolve("sites/sites.json"), "[{\"id\":1,\"name\":\"ok\"}]");
        Files.createDirectories(dir.resolve("clients"));
        Files.writeString(dir.resolve("clients/metadata.json"), "{\"version\":1,\"client_keys\":{\"location\":\"/com.uid2.core/test/clients/clients.json\"}}");
        Files.writeString(dir.resolve("clients/clients.json"),
                "[{\"key_id\":\"k\",\"key_hash\":\"***\",\"key_salt\":\"AA==\",\"secret\":\"AA==\",\"site_id\":1}]");
        try (JdbcStore store = Stores.open(dir.resolve("db").toString())) {
            assertThatThrownBy(() -> CoreDataImporter.importDirectory(dir, store, 0))
                    .isInstanceOf(ImportException.class).hasMessageContaining("key_hash is not valid Base64")
                    .hasMessageNotContaining("***");
            assertThat(store.changeVersion()).isZero();
        }
    }

    @Test
    void conflictingKeyIsRejected() throws IOException {
        Files.createDirectories(dir.resolve("keyset_keys"));
        Files.writeString(dir.resolve("keyset_keys/metadata.json"),
                "{\"version\":1,\"keyset_keys\":{\"location\":\"/com.uid2.core/test/keyset_keys/k.json\"}}");
        Files.writeString(dir.resolve("keyset_keys/k.json"),
                "[{\"id\":1,\"keyset_id\":2,\"created\":1,\"activates\":1,\"expires\":2,\"secret\":\"AAAA\"}]");
        try (JdbcStore store = Stores.open(dir.resolve("db").toString())) {
            CoreDataImporter.importDirectory(dir, store, 0);
            Files.writeString(dir.resolve("keyset_keys/k.json"),
                    "[{\"id\":1,\"keyset_id\":2,\"created\":1,\"activates\":1,\"expires\":2,\"secret\":\"BBBB\"}]");
            assertThatThrownBy(() -> CoreDataImporter.importDirectory(dir, store, 0))
                    .isInstanceOf(ImportException.class).hasMessageContaining("key 1");
        }
    }

    private void writeSalts(String snapshots) throws IOException {
        Files.createDirectories(dir.resolve("salts"));
        Files.writeString(dir.resolve("salts/metadata.json"), "{\"version\":1,\"first_level\":\"f\",\"id_prefix\":\"b\","
                + "\"id_secret\":\"s\",\"salts\":" + snapshots + "}");
        for (String name : new String[]{"a", "b", "c"}) Files.writeString(dir.resolve("salts").resolve(name), "1,2," + name + ",3\n");
    }

    private ImportResult importAt(long nowMs) {
        try (JdbcStore store = Stores.open(dir.resolve("db-" + nowMs).toString())) {
            ImportResult r = CoreDataImporter.importDirectory(dir, store, nowMs);
            assertThat(store.loadAll().salts().bucket(0).currentSalt()).isEqualTo(r.saltFile().substring(r.saltFile().length() - 1));
            return r;
        }
    }

    @Test
    void importsServicesAndServiceLinksOnce() {
        try (JdbcStore store = Stores.open(dir.resolve("db").toString())) {
            CoreDataImporter.importDirectory(Path.of("..", "testdata", "uid2-core-test"), store, 1_700_000_000_000L);
            StoreData data = store.loadAll();
            assertThat(data.services()).containsExactly(
                    new org.openuid.core.model.Service(1, 123, "testName1", java.util.Set.of(org.openuid.core.model.Role.GENERATOR)),
                    new org.openuid.core.model.Service(2, 126, "testName2", java.util.Set.of(org.openuid.core.model.Role.MAPPER)));
            assertThat(data.serviceLinks()).containsExactly(
                    new org.openuid.core.model.ServiceLink("testId1", 1, 123, "testName1", java.util.Set.of(), false),
                    new org.openuid.core.model.ServiceLink("testId2", 2, 123, "testName2", java.util.Set.of(), false));
            long version = store.changeVersion();
            ImportResult again = CoreDataImporter.importDirectory(Path.of("..", "testdata", "uid2-core-test"), store,
                    1_700_000_000_000L);
            assertThat(again.changed()).isFalse();
            assertThat(store.changeVersion()).isEqualTo(version);
            assertThat(SnapshotLoader.load(store).serviceLinks().allows(2, "testId2", org.openuid.core.model.Role.MAPPER))
                    .as("a link without roles does not allow mapping").isFalse();
        }
    }
}
