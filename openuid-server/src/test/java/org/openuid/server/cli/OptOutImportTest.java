package org.openuid.server.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.it.CliRun;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.OptOutEntry;
import org.openuid.store.OptOutImportProgress;
import org.openuid.store.SnapshotLoader;
import org.openuid.store.Store;
import org.openuid.store.StoreException;
import org.openuid.store.Stores;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bulk opt-out import: line handling, bad lines, resuming after a crash, idempotence, and the command line. */
class OptOutImportTest {
    private static final long NOW_MS = 1_780_000_000_000L;

    @TempDir
    Path dir;
    Store store;
    Snapshot snapshot;
    TokenService tokens;

    @BeforeEach
    void open() throws Exception {
        Files.createDirectories(dir.resolve("store"));
        store = Stores.open(dir.resolve("store").toString());
        Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(1024), NOW_MS);
        snapshot = SnapshotLoader.load(store);
        tokens = new TokenService(IdentityScope.UID2, false, IvSource.secure());
    }

    @AfterEach
    void close() {
        if (store != null) store.close();
    }

    /** Collects what an import reports. */
    static final class Recorder implements OptOutImporter.Listener {
        final List<String> invalid = new ArrayList<>();
        long lastOffset = -1;

        @Override
        public void progress(long offset, long lines) {
            assertThat(offset).isGreaterThanOrEqualTo(lastOffset);
            lastOffset = offset;
        }

        @Override
        public void invalidLine(long lineNumber, String reason) {
            invalid.add(lineNumber + ": " + reason);
        }
    }

    private OptOutImporter importer(Store s, int batch) {
        return new OptOutImporter(s, snapshot, tokens, () -> NOW_MS, batch);
    }

    private OptOutImporter.Result run(Store s, Path file, ImportIdType type, int batch, Recorder r) throws Exception {
        return importer(s, batch).run(file, OptOutImporter.sha256(file), type, r);
    }

    private byte[] flh(DiiKind kind, String value) {
        return TokenService.firstLevelHash(snapshot, DiiParser.parse(kind, value));
    }

    private Set<String> storedFirstLevelHashes() {
        Set<String> out = new HashSet<>();
        for (OptOutEntry e : store.optOutsAfter(0, 1_000_000)) out.add(Base64.getEncoder().encodeToString(e.record().firstLevelHash()));
        return out;
    }

    private Path write(String name, byte[] content) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, content);
        return f;
    }

    private Path write(String name, String content) throws Exception {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typesAreParsedAsTheApiReadsThem() {
        assertThat(ImportIdType.byLabel("EMAIL_hash")).isEqualTo(ImportIdType.EMAIL_HASH);
        assertThat(ImportIdType.byLabel("emails")).isNull();
        String hash = Base64.getEncoder().encodeToString(DiiParser.parse(DiiKind.EMAIL, "a@example.com").identityHash());
        assertThat(ImportIdType.AUTO.parse("A@Example.com").identity().identityHash())
                .isEqualTo(DiiParser.parse(DiiKind.EMAIL, "a@example.com").identityHash());
        assertThat(ImportIdType.AUTO.parse("email_hash," + hash).identity().identityHash())
                .isEqualTo(ImportIdType.EMAIL_HASH.parse(hash).identity().identityHash());
        assertThat(ImportIdType.AUTO.parse("+15550001234").identity()).isNotNull();
        assertThat(ImportIdType.AUTO.parse(hash).error()).startsWith("cannot tell the identifier type");
        assertThat(ImportIdType.AUTO.parse("auto,a@example.com").identity()).isNotNull();
        assertThat(ImportIdType.EMAIL.parse("x").error()).isEqualTo("invalid email");
        assertThat(ImportIdType.PHONE.parse("+1").error()).isEqualTo("invalid phone");
        assertThat(ImportIdType.PHONE_HASH.parse("abc").error()).isEqualTo("invalid phone_hash");
        byte[] raw33 = new byte[33];
        raw33[0] = 5;
        assertThat(ImportIdType.RAW_UID.parse(Base64.getEncoder().encodeToString(raw33)).rawUid()).isEqualTo(raw33);
        assertThat(ImportIdType.RAW_UID.parse(Base64.getEncoder().encodeToString(new byte[32])).rawUid()).hasSize(32);
        assertThat(ImportIdType.RAW_UID.parse(Base64.getEncoder().encodeToString(new byte[31])).error()).startsWith("invalid raw_uid");
        assertThat(ImportIdType.RAW_UID.parse(Base64.getEncoder().withoutPadding().encodeToString(new byte[32])).error()).isNotNull();
    }

    @Test
    void linesWithBomCrLfBlanksAndBadLinesAreHandledPerLine() throws Exception {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.write(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        content.write("first@example.com\r\n".getBytes(StandardCharsets.UTF_8));
        content.write("   \r\n".getBytes(StandardCharsets.UTF_8));
        content.write(new byte[]{'b', (byte) 0xFF, '@', 'x', '.', 'c', '\n'});
        content.write(("x".repeat(OptOutImporter.MAX_LINE_BYTES + 10) + "@example.com\n").getBytes(StandardCharsets.UTF_8));
        content.write("  +15550001234  \n".getBytes(StandardCharsets.UTF_8));
        content.write("no-type-here\n".getBytes(StandardCharsets.UTF_8));
        content.write("last@example.com".getBytes(StandardCharsets.UTF_8));
        Path f = write("mixed.txt", content.toByteArray());
        Recorder r = new Recorder();
        OptOutImporter.Result result = run(store, f, ImportIdType.AUTO, 2, r);
        OptOutImportProgress p = result.progress();
        assertThat(p.complete()).isTrue();
        assertThat(p.lines()).isEqualTo(7);
        assertThat(p.nextOffset()).isEqualTo(Files.size(f));
        assertThat(p.added()).isEqualTo(3);
        assertThat(p.invalid()).isEqualTo(3);
        assertThat(r.invalid).containsExactly("3: not valid UTF-8", "4: line longer than " + OptOutImporter.MAX_LINE_BYTES + " bytes",
                "6: cannot tell the identifier type (use --type, or write <type>,<value>)");
        assertThat(storedFirstLevelHashes()).contains(
                Base64.getEncoder().encodeToString(flh(DiiKind.EMAIL, "first@example.com")),
                Base64.getEncoder().encodeToString(flh(DiiKind.PHONE, "+15550001234")),
                Base64.getEncoder().encodeToString(flh(DiiKind.EMAIL, "last@example.com")));
    }

    @Test
    void recordsCarryTheCurrentRawUidAndRawUidLinesHaveNoFirstLevelHash() throws Exception {
        byte[] raw = new byte[32];
        raw[3] = 3;
        Path f = write("typed.txt", "user@example.com\n");
        run(store, f, ImportIdType.EMAIL, 10, new Recorder());
        Path g = write("raw.txt", Base64.getEncoder().encodeToString(raw) + "\n");
        run(store, g, ImportIdType.RAW_UID, 10, new Recorder());
        List<OptOutEntry> all = store.optOutsAfter(0, 10);
        OptOutRecord expected = OptOutRecords.forIdentity(snapshot, tokens, DiiParser.parse(DiiKind.EMAIL, "user@example.com"), NOW_MS / 1000);
        assertThat(all.get(0).record().firstLevelHash()).isEqualTo(expected.firstLevelHash());
        assertThat(all.get(0).record().rawUid()).isEqualTo(expected.rawUid());
        assertThat(all.get(0).record().timestampSeconds()).isEqualTo(NOW_MS / 1000);
        assertThat(all.get(1).record().firstLevelHash()).isEmpty();
        assertThat(all.get(1).record().rawUid()).isEqualTo(raw);
    }

    private Store crashingOnBatch(int n) {
        return crashingOnBatch(store, n);
    }

    /** {@code store}, failing (as a crash would) on the n-th bulk-import batch. */
    static Store crashingOnBatch(Store store, int n) {
        AtomicInteger batches = new AtomicInteger();
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class}, (proxy, m, args) -> {
            if (m.getName().equals("addImportedOptOuts") && batches.incrementAndGet() == n) {
                throw new StoreException("simulated crash", null);
            }
            try {
                return m.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void anInterruptedImportContinuesWhereItStoppedAndEndsAsIfUninterrupted() throws Exception {
        StringBuilder content = new StringBuilder();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 95; i++) {
            String email = "person." + i + "@example.com";
            content.append(i % 10 == 7 ? "bad line " + i : email).append('\n');
            if (i % 10 != 7) expected.add(Base64.getEncoder().encodeToString(flh(DiiKind.EMAIL, email)));
        }
        content.append("person.3@example.com\n");
        Path f = write("big.txt", content.toString());
        String sha = OptOutImporter.sha256(f);

        assertThatThrownBy(() -> run(crashingOnBatch(4), f, ImportIdType.AUTO, 10, new Recorder()))
                .hasMessageContaining("simulated crash");
        OptOutImportProgress saved = store.optOutImport(sha).orElseThrow();
        assertThat(saved.complete()).isFalse();
        assertThat(saved.lines()).isEqualTo(30);
        assertThat(store.optOutsAfter(0, 1000)).hasSize(27);

        // another type for the same file is refused
        assertThatThrownBy(() -> run(store, f, ImportIdType.EMAIL, 10, new Recorder()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--type auto");

        Recorder r = new Recorder();
        OptOutImporter.Result resumed = run(store, f, ImportIdType.AUTO, 10, r);
        assertThat(resumed.startLine()).isEqualTo(30);
        assertThat(r.invalid).containsExactly("38: cannot tell the identifier type (use --type, or write <type>,<value>)",
                "48: cannot tell the identifier type (use --type, or write <type>,<value>)",
                "58: cannot tell the identifier type (use --type, or write <type>,<value>)",
                "68: cannot tell the identifier type (use --type, or write <type>,<value>)",
                "78: cannot tell the identifier type (use --type, or write <type>,<value>)",
                "88: cannot tell the identifier type (use --type, or write <type>,<value>)");
        OptOutImportProgress done = resumed.progress();
        assertThat(done.complete()).isTrue();
        assertThat(done.lines()).isEqualTo(96);
        assertThat(done.invalid()).isEqualTo(9);
        assertThat(done.added()).isEqualTo(expected.size());
        assertThat(done.alreadyOptedOut()).isEqualTo(1);
        assertThat(storedFirstLevelHashes()).isEqualTo(expected);

        OptOutImporter.Result again = run(store, f, ImportIdType.AUTO, 10, new Recorder());
        assertThat(again.alreadyComplete()).isTrue();
        assertThat(again.progress()).isEqualTo(done);
        assertThat(store.optOutsAfter(0, 1000)).hasSize(expected.size());
    }

    @Test
    void emptyFileCompletesAtOnce() throws Exception {
        Path f = write("empty.txt", "");
        OptOutImporter.Result r = run(store, f, ImportIdType.AUTO, 10, new Recorder());
        assertThat(r.progress().complete()).isTrue();
        assertThat(r.progress().lines()).isZero();
    }

    @Test
    void progressBarRendersShareBytesLinesRateAndEta() {
        assertThat(ProgressBar.render(512, 1024, 10, 512, 1.0))
                .startsWith("[###############---------------]  50.0%  512 B / 1.0 KiB  10 lines  512 B/s  ETA 0:01");
        assertThat(ProgressBar.render(0, 0, 0, 0, 0)).contains("100.0%");
        assertThat(ProgressBar.render(3L << 30, 3L << 30, 1_000_000, 3L << 30, 7200))
                .contains("100.0%", "3.00 GiB / 3.00 GiB", "1,000,000 lines").doesNotContain("ETA");
        assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long[] now = {0};
        ProgressBar bar = new ProgressBar(new PrintStream(out, true), 100, 0, () -> now[0], true);
        bar.update(10, 1);
        now[0] += ProgressBar.REDRAW_MILLIS * 1_000_000;
        bar.update(50, 5);
        bar.message("line 6: invalid email (skipped)");
        bar.finish(100, 10);
        String text = out.toString();
        assertThat(text).doesNotContain(" 10.0%").contains("\r[###############", " 50.0%", "line 6: invalid email (skipped)\n", "100.0%");
    }

    // ------------------------------------------------------------------ command line

    @Test
    void commandRejectsUnknownTypesBadBatchSizesAndMissingFiles() throws Exception {
        store.close();
        store = null;
        Path f = write("ok.txt", "a@example.com\n");
        String storeDir = dir.resolve("store").toString();
        CliRun type = CliRun.run("admin", "optout", "import", f.toString(), "--store", storeDir, "--type", "emails");
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("Unknown --type 'emails': expected one of email, email_hash, phone, phone_hash, raw_uid, auto");
        CliRun batch = CliRun.run("admin", "optout", "import", f.toString(), "--store", storeDir, "--batch-size", "0");
        assertThat(batch.exitCode()).isEqualTo(2);
        assertThat(batch.err()).contains("--batch-size must be between 1 and 100000");
        CliRun missing = CliRun.run("admin", "optout", "import", dir.resolve("nope.txt").toString(), "--store", storeDir);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("no such file");
        CliRun noFile = CliRun.run("admin", "optout", "import", "--store", storeDir);
        assertThat(noFile.exitCode()).isEqualTo(2);
    }

    @Test
    void commandResumesReportsBadLinesAndPrintsASummary() throws Exception {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 30; i++) content.append(i == 25 ? "secret.person@@example.com" : "cli." + i + "@example.com").append('\n');
        Path f = write("cli.txt", content.toString());
        assertThatThrownBy(() -> run(crashingOnBatch(2), f, ImportIdType.EMAIL, 10, new Recorder())).hasMessageContaining("simulated crash");
        store.close();
        store = null;
        String storeDir = dir.resolve("store").toString();

        CliRun resumed = CliRun.run("admin", "optout", "import", f.toString(), "--store", storeDir, "--type", "email", "--batch-size", "10");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("Resuming the import of " + f + " after line 10.",
                "line 26: invalid email (skipped)", "100.0%").doesNotContain("secret.person");
        assertThat(resumed.out()).contains("\"complete\" : true", "\"resumed_after_line\" : 10", "\"lines\" : 30",
                "\"opted_out\" : 29", "\"invalid\" : 1", "\"already_imported\" : false");

        CliRun quiet = CliRun.run("admin", "optout", "import", f.toString(), "--store", storeDir, "--type", "email", "--no-progress");
        assertThat(quiet.exitCode()).isZero();
        assertThat(quiet.out()).contains("\"already_imported\" : true", "\"opted_out\" : 29");
        assertThat(quiet.err()).contains("imported completely before").doesNotContain("%");
    }
}
