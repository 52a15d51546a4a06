package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Directories 700 and files 600: created so, and tightened when they exist with wider modes. */
class PrivateFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsAndTightens() throws Exception {
        Path data = dir.resolve("a").resolve("data");
        PrivateFiles.directory(data);
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(PrivateFiles.DIRECTORY);

        Path written = data.resolve("demo-credentials.json");
        PrivateFiles.write(written, "{}\n");
        assertThat(Files.readString(written)).isEqualTo("{}\n");
        assertThat(Files.getPosixFilePermissions(written)).isEqualTo(PrivateFiles.FILE);

        // an older data directory: 755 with 644 files
        Path old = dir.resolve("old");
        Files.createDirectories(old);
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.writeString(old.resolve("openuid.mv.db"), "x");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFiles.tighten(old);
        assertThat(Files.getPosixFilePermissions(old)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(db)).isEqualTo(PrivateFiles.FILE);
        Path wide = Files.writeString(old.resolve("demo-credentials.json"), "old");
        Files.setPosixFilePermissions(wide, PosixFilePermissions.fromString("rw-rw-rw-"));
        PrivateFiles.write(wide, "new");
        assertThat(Files.getPosixFilePermissions(wide)).isEqualTo(PrivateFiles.FILE);
        assertThat(Files.readString(wide)).isEqualTo("new");
    }
}
