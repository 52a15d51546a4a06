package org.openuid.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a PostgreSQL password file as libpq reads it. */
class PgPassFileTest {

    @TempDir
    Path tmp;

    private Path file(String content, String permissions) throws Exception {
        Path f = tmp.resolve("pgpass");
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(permissions));
        return f;
    }

    @Test
    void firstMatchingLineWinsWithWildcards() throws Exception {
        PgPassFile f = PgPassFile.read(file("""
                # a comment, then a blank line

                db1:5432:openuid:op:first
                *:5432:openuid:op:second
                *:*:*:*:fallback
                """, "rw-------"));
        assertThat(f.ignored()).isNull();
        assertThat(f.password("db1", 5432, "openuid", "op")).contains("first");
        assertThat(f.password("db2", 5432, "openuid", "op")).contains("second");
        assertThat(f.password("db1", 5433, "openuid", "op")).contains("fallback");
        assertThat(f.password("db1", 5432, "other", "someone")).contains("fallback");
    }

    @Test
    void escapedColonsAndBackslashesAndColonsInThePassword() throws Exception {
        PgPassFile f = PgPassFile.read(file("h\\:x:1:d:u:p\\:a\\\\ss:word\r\n", "rw-------"));
        assertThat(f.password("h:x", 1, "d", "u")).contains("p:a\\ss:word");
        assertThat(f.entries().get(0).toString()).isEqualTo("h:x:1:d:u:<password>");
    }

    @Test
    void noMatchAnEmptyPasswordAndShortLinesGiveNothing() throws Exception {
        PgPassFile f = PgPassFile.read(file("h:1:d:u:\nh:1:d\n", "rw-------"));
        assertThat(f.entries()).hasSize(1);
        assertThat(f.password("h", 1, "d", "u")).isEmpty();
        assertThat(f.password("other", 1, "d", "u")).isEmpty();
    }

    @Test
    void aMissingFileHasNoEntries() {
        PgPassFile f = PgPassFile.read(tmp.resolve("absent"));
        assertThat(f.entries()).isEmpty();
        assertThat(f.ignored()).isEqualTo("no such file");
    }

    @Test
    void aFileTheGroupOrOthersMayAccessIsIgnoredWithAWarning() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(PgPassFile.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            for (String permissions : List.of("rw-r-----", "rw----r--", "rw--w----")) {
                Path f = file("*:*:*:*:secret-value\n", permissions);
                PgPassFile read = PgPassFile.read(f);
                assertThat(read.entries()).as(permissions).isEmpty();
                assertThat(read.ignored()).isEqualTo("ignored: group or world access");
            }
            assertThat(appender.list).hasSize(3).allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("has group or world access; permissions should be u=rw (0600) or less")
                    .doesNotContain("secret-value"));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(PgPassFile.read(file("*:*:*:*:secret-value\n", "r--------")).password("h", 1, "d", "u")).contains("secret-value");
    }

    @Test
    void aDirectoryIsNotAPasswordFile() {
        assertThat(PgPassFile.read(tmp).ignored()).isEqualTo("not a plain file");
    }
}
