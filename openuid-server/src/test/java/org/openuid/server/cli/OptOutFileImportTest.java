package org.openuid.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.it.CliRun;
import org.openuid.server.it.SpecOptOutFile;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.OptOutEntry;
import org.openuid.store.SnapshotLoader;
import org.openuid.store.Store;
import org.openuid.store.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Import of upstream opt-out files (spec keys-and-data.md §7.1): records and sentinels, both record versions, bad
 * files, resuming, idempotence, order independence (the earliest time of a pair stands), unmatched advertising ids, and
 * the export round trip.
 */
class OptOutFileImportTest {
    private static final long NOW_MS = 1_780_000_000_000L;
    private static final Base64.Encoder B64 = Base64.getEncoder();

    @TempDir
    Path dir;
    Store store;
    Snapshot snapshot;
    TokenService tokens;

    @BeforeEach
    void open() {
        store = openStore("store");
        snapshot = SnapshotLoader.load(store);
        tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    private Store openStore(String name) {
        try {
            Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Store s = Stores.open(dir.resolve(name).toString());
        Bootstrap.bootstrapIfEmpty(s, BootstrapOptions.defaults().withSaltBucketCount(1024), NOW_MS);
        return s;
    }

    private byte[] flh(String email) {
        return TokenService.firstLevelHash(snapshot, DiiParser.parse(DiiKind.EMAIL, email));
    }

    private byte[] rawUid(String email) {
        return tokens.rawUid(snapshot, flh(email), IdentityType.EMAIL);
    }

    private OptOutFileImporter importer(Store s, int batch) {
        return new OptOutFileImporter(s, snapshot, tokens, () -> NOW_MS, batch);
    }

    private OptOutFileImporter.Result run(Store s, Path file, int batch) throws Exception {
        return importer(s, batch).run(OptOutFileImporter.scan(file), (offset, records) -> { });
    }

    /** Every stored record as "flh id time" text. */
    private static Set<String> records(Store s) {
        Set<String> out = new TreeSet<>();
        for (OptOutEntry e : s.optOutsAfter(0, 1_000_000)) {
            out.add(B64.encodeToString(e.record().firstLevelHash()) + " " + B64.encodeToString(e.record().rawUid())
                    + " " + e.record().timestampSeconds());
        }
        return out;
    }

    private static String text(byte[] flh, byte[] id, long t) {
        return B64.encodeToString(flh) + " " + B64.encodeToString(id) + " " + t;
    }

    @Test
    void recordsOfBothVersionsAreImportedWithTheirTimesAndSentinelsAreSkipped() throws Exception {
        byte[] id33 = new byte[33];
        id33[0] = 0x2A;
        id33[32] = 7;
        Path f = new SpecOptOutFile().zeroSentinel(1_700_000_000L)
                .record(flh("a@example.com"), rawUid("a@example.com"), 1_700_000_100L)
                .record(flh("b@example.com"), id33, 1_700_000_200L)
                .record(flh("a@example.com"), rawUid("a@example.com"), 1_700_000_300L)
                .onesSentinel(1_700_000_400L)
                .write(dir, "optout-delta-000_2024-01-01T00.00.00Z_00000001.dat");
        OptOutFileImporter.Result r = run(store, f, 2);
        assertThat(r.progress().complete()).isTrue();
        assertThat(r.progress().lines()).isEqualTo(5);
        assertThat(r.progress().invalid()).as("sentinels").isEqualTo(2);
        assertThat(r.progress().added()).isEqualTo(2);
        assertThat(r.progress().alreadyOptedOut()).isEqualTo(1);
        assertThat(r.progress().unmatched()).as("b's 33-byte id is not its raw UID").isEqualTo(1);
        assertThat(records(store)).containsExactlyInAnyOrder(
                text(flh("a@example.com"), rawUid("a@example.com"), 1_700_000_100L),
                text(flh("b@example.com"), id33, 1_700_000_200L));

        OptOutFileImporter.Result again = run(store, f, 2);
        assertThat(again.alreadyComplete()).isTrue();
        assertThat(records(store)).hasSize(2);
    }

    @Test
    void theEarliestTimeOfAPairStandsWhateverTheOrderOfFiles() throws Exception {
        byte[] flh = flh("c@example.com");
        byte[] id = rawUid("c@example.com");
        Path late = new SpecOptOutFile().record(flh, id, 1_700_000_900L).write(dir, "optout-delta-000_late.dat");
        Path early = new SpecOptOutFile().record(flh, id, 1_700_000_100L).write(dir, "optout-partition-000_early.dat");
        run(store, late, 10);
        run(store, early, 10);
        try (Store other = openStore("other")) {
            run(other, early, 10);
            run(other, late, 10);
            assertThat(records(other)).containsExactly(text(flh, id, 1_700_000_100L));
        }
        assertThat(records(store)).containsExactly(text(flh, id, 1_700_000_100L));
        long last = store.optOutsAfter(0, 10).get(0).sequence();
        assertThat(last).as("the earlier record is a new entry that every node's index learns").isGreaterThan(1);
    }

    @Test
    void malformedFilesAreRejectedWithFileAndOffsetBeforeAnythingIsWritten() throws Exception {
        Path shortFile = new SpecOptOutFile().record(flh("d@example.com"), rawUid("d@example.com"), 1L).trailing(5)
                .write(dir.resolve("bad1"), "optout-delta-000_a.dat");
        assertThatThrownBy(() -> OptOutFileImporter.scan(shortFile))
                .hasMessageContaining(shortFile.toString())
                .hasMessageContaining("its length (77 bytes) is not a multiple of 72")
                .hasMessageContaining("offset 72");

        Path folder = dir.resolve("bad2");
        new SpecOptOutFile().record(flh("e@example.com"), rawUid("e@example.com"), 1L).write(folder, "optout-delta-000_a.dat");
        Path badVersion = new SpecOptOutFile().record(flh("f@example.com"), rawUid("f@example.com"), 1L)
                .raw(flh("g@example.com"), new byte[32], 2L, 0x80).write(folder, "optout-partition-000_b.dat");
        store.close();
        store = null;
        String storeDir = dir.resolve("store").toString();
        CliRun r = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", folder.toString(), "--store", storeDir);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(badVersion.toString(), "unknown record version 2 in the record at offset 72");
        Path dataSet = dir.resolve("dataset");
        Files.createDirectories(dataSet.resolve("optout"));
        Files.copy(shortFile, dataSet.resolve("optout").resolve("optout-delta-000_a.dat"));
        CliRun viaImport = CliRun.run("import", dataSet.toString(), "--store", storeDir);
        assertThat(viaImport.exitCode()).isEqualTo(1);
        assertThat(viaImport.err()).contains("optout-delta-000_a.dat: malformed opt-out file");
        try (Store s = Stores.open(storeDir)) {
            assertThat(s.optOutsAfter(0, 10)).as("nothing half-imported").isEmpty();
            assertThat(s.optOutImport(OptOutFileImporter.scan(folder.resolve("optout-delta-000_a.dat")).sha256())).isEmpty();
        }
    }

    private Store crashingOnBatch(int n) {
        return OptOutImportTest.crashingOnBatch(store, n);
    }

    @Test
    void anInterruptedImportResumesFromTheCommandLineAndEndsAsIfUninterrupted() throws Exception {
        SpecOptOutFile content = new SpecOptOutFile().zeroSentinel(1L);
        for (int i = 0; i < 47; i++) content.record(flh("p" + i + "@example.com"), rawUid("p" + i + "@example.com"), 1_700_000_000L + i);
        content.record(flh("x@example.com"), new byte[32], 1_700_000_500L);
        Path f = content.write(dir.resolve("in"), "optout-partition-000_2024-01-01T00.00.00Z_00000002.dat");
        assertThatThrownBy(() -> run(crashingOnBatch(3), f, 10)).hasMessageContaining("simulated crash");
        assertThat(records(store)).hasSize(19);
        store.close();
        store = null;
        String storeDir = dir.resolve("store").toString();

        CliRun resumed = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", dir.resolve("in").toString(),
                "--store", storeDir, "--batch-size", "10");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("Resuming the import of " + f + " after record 20.", "100.0%", "49 records");
        JsonNode summary = resumed.json();
        assertThat(summary.get("records").asLong()).isEqualTo(49);
        assertThat(summary.get("sentinels").asLong()).isEqualTo(1);
        assertThat(summary.get("opted_out").asLong()).isEqualTo(48);
        assertThat(summary.get("unmatched_advertising_id").asLong()).isEqualTo(1);
        assertThat(summary.get("details").get(0).get("resumed_after_record").asLong()).isEqualTo(20);

        CliRun again = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", f.toString(), "--store", storeDir,
                "--no-progress");
        assertThat(again.exitCode()).isZero();
        assertThat(again.json().get("already_imported_files").asInt()).isEqualTo(1);
        assertThat(again.err()).doesNotContain("%");
        try (Store s = Stores.open(storeDir)) {
            assertThat(s.optOutsAfter(0, 100)).hasSize(48);
        }
    }

    @Test
    void commandRejectsUnknownFormatsAndTypesWithFiles() throws Exception {
        store.close();
        store = null;
        String storeDir = dir.resolve("store").toString();
        CliRun format = CliRun.run("admin", "optout", "import", "--format", "csv", dir.toString(), "--store", storeDir);
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("Unknown --format 'csv': expected lines or uid2-optout");
        CliRun type = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", "--type", "email", dir.toString(),
                "--store", storeDir);
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("--type applies to --format lines only");
        CliRun missing = CliRun.run("admin", "optout", "import", "--format", "uid2-optout", dir.resolve("nope").toString(),
                "--store", storeDir);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file or folder");
        CliRun export = CliRun.run("admin", "optout", "export", "--format", "csv", dir.toString(), "--store", storeDir);
        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err()).contains("Unknown --format 'csv': expected uid2-optout");
    }

    @Test
    void exportThenImportIntoAnEmptyStoreGivesTheSameOptOuts() throws Exception {
        byte[] id33 = new byte[33];
        id33[0] = 0x3F;
        Path in = dir.resolve("in");
        new SpecOptOutFile().zeroSentinel(1L)
                .record(flh("h@example.com"), rawUid("h@example.com"), 1_600_000_000L)
                .record(flh("i@example.com"), id33, 1_600_000_001L)
                .write(in, "optout-partition-000_p.dat");
        run(store, in.resolve("optout-partition-000_p.dat"), 100);
        store.addOptOut(new org.openuid.core.model.OptOutRecord(new byte[0], rawUid("raw-only@example.com"), 1_600_000_002L));
        Set<String> expected = records(store);

        OptOutFileExporter.Result full = new OptOutFileExporter(store).export(dir.resolve("out"), 0, "000",
                java.time.Instant.ofEpochSecond(1_700_000_000L));
        assertThat(full.partition()).isTrue();
        assertThat(full.records()).isEqualTo(2);
        assertThat(full.skipped()).as("the raw-UID-only opt-out").isEqualTo(1);
        assertThat(full.file().getFileName().toString()).matches("optout-partition-000_2023-11-14T22\\.13\\.20Z_[0-9a-f]{8}\\.dat");
        assertThat(Files.size(full.file())).isEqualTo(144);

        store.addOptOut(new org.openuid.core.model.OptOutRecord(flh("j@example.com"), rawUid("j@example.com"), 1_600_000_003L));
        OptOutFileExporter.Result delta = new OptOutFileExporter(store).export(dir.resolve("out"), full.cursor(), "000",
                java.time.Instant.ofEpochSecond(1_700_000_060L));
        assertThat(delta.partition()).isFalse();
        assertThat(delta.records()).isEqualTo(1);
        assertThat(delta.file().getFileName().toString()).startsWith("optout-delta-000_2023-11-14T22.14.20Z_");
        OptOutFileExporter.Result empty = new OptOutFileExporter(store).export(dir.resolve("out2"), delta.cursor(), "000",
                java.time.Instant.ofEpochSecond(1_700_000_120L));
        assertThat(empty.records()).isZero();
        assertThat(empty.cursor()).isEqualTo(delta.cursor());

        try (Store copy = openStore("copy")) {
            for (Path f : OptOutFilesImport.files(dir.resolve("out"))) run(copy, f, 100);
            Set<String> want = new TreeSet<>(expected);
            want.removeIf(s -> s.startsWith(" "));
            want.add(text(flh("j@example.com"), rawUid("j@example.com"), 1_600_000_003L));
            assertThat(records(copy)).isEqualTo(want);
        }
    }

    @Test
    void filesOfAFolderAreFoundByNameAtAnyDepth() throws Exception {
        Path root = dir.resolve("optout");
        new SpecOptOutFile().write(root.resolve("delta"), "optout-delta-000_b.dat");
        new SpecOptOutFile().write(root.resolve("partition"), "optout-partition-000_a.dat");
        new SpecOptOutFile().write(root, "README.dat");
        Files.writeString(root.resolve("notes.txt"), "not an opt-out file");
        List<Path> files = OptOutFilesImport.files(root);
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("optout-delta-000_b.dat", "optout-partition-000_a.dat");
    }
}
