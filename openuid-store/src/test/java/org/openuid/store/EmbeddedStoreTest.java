package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Site;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on an embedded H2 file database in a temporary folder, plus embedded-only behaviour. */
class EmbeddedStoreTest extends StoreContractTest {

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
    protected String backendName() {
        return "H2";
    }

    @Test
    void databaseIsARealFileInTheGivenFolder() {
        store.upsertSite(new Site(1, "x", true, null, null, 0));
        assertThat(dir.resolve("openuid.mv.db")).isRegularFile();
        assertThat(((JdbcStore) store).location().jdbcUrl()).isEqualTo("jdbc:h2:file:" + dir.toAbsolutePath().resolve("openuid")
                + ";TRACE_LEVEL_FILE=0");
        assertThat(store.toString()).contains("openuid.mv.db");
    }

    @Test
    void databaseFilesAreOwnerOnlyAndNoServerIsStarted() throws Exception {
        store.close();
        Path fresh = dir.resolve("fresh").resolve("store");
        store = Stores.open(fresh.toString());
        store.upsertSite(new Site(1, "x", true, null, null, 0));
        assertThat(Files.getPosixFilePermissions(fresh.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(fresh.getParent())) {
            List<Path> all = files.toList();
            assertThat(all).as("no lock file naming a server address, no trace file")
                    .extracting(p -> p.getFileName().toString()).containsExactly("store.mv.db");
            for (Path f : all) assertThat(Files.getPosixFilePermissions(f)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }

    @Test
    void anotherProcessIsRefusedWhileTheStoreIsOpenAndWritesOnceItIsClosed() throws Exception {
        store.upsertSite(new Site(1, "held open", true, null, null, 0));
        Path log = dir.resolve("child.log");
        Process refused = childProcess("write-site", "77").redirectOutput(log.toFile()).start();
        try {
            assertThat(refused.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            refused.destroyForcibly();
        }
        assertThat(refused.exitValue()).as(Files.readString(log)).isEqualTo(StoreChildProcess.IN_USE);
        assertThat(Files.readString(log)).contains("IN USE the store " + dir.toAbsolutePath() + " is in use by another process");
        assertThat(store.site(77)).isEmpty();

        long v = store.changeVersion();
        store.close();
        Process child = childProcess("write-site", "77").redirectOutput(log.toFile()).start();
        try {
            assertThat(child.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as(Files.readString(log)).isZero();
        store = openStore();
        assertThat(store.site(77)).map(Site::name).contains("from another process");
        assertThat(store.changeVersion()).isEqualTo(v + 1);
    }

    @Test
    void optOutIsOnDiskWhenAddOptOutReturns() throws Exception {
        store.close();
        store = null;
        Process child = childProcess("add-optout-and-hang", "0").start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String seq = null;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("SEQ ")) {
                    seq = line.substring(4);
                    break;
                }
            }
            assertThat(seq).as("child reported the sequence").isNotNull();
            child.destroyForcibly();
            assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
            store = openStore();
            List<OptOutEntry> entries = store.optOutsAfter(0, 10);
            assertThat(entries).extracting(OptOutEntry::sequence).containsExactly(Long.parseLong(seq));
        } finally {
            child.destroyForcibly();
        }
    }

    private ProcessBuilder childProcess(String action, String arg) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StoreChildProcess.class.getName(),
                dir.toString(), action, arg).redirectErrorStream(true);
    }
}
