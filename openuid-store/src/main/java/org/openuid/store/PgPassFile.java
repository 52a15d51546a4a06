package org.openuid.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A PostgreSQL password file ({@code ~/.pgpass}, or the file named by {@code PGPASSFILE}) read as libpq reads it:
 * one {@code hostname:port:database:username:password} entry per line, {@code *} in the first four fields matches
 * anything, {@code \:} and {@code \\} stand for a colon and a backslash, lines starting with {@code #} are comments,
 * and the first matching line wins. On file systems with POSIX permissions a file that is not a plain file or that
 * the group or others may access is ignored with a warning (permissions must be {@code 0600} or less).
 */
final class PgPassFile {

    private static final Logger LOG = LoggerFactory.getLogger(PgPassFile.class);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** One line; the first four fields are patterns ({@code *} = any). */
    record Entry(String host, String port, String database, String user, String password) {
        boolean matches(String h, int p, String db, String u) {
            return field(host, h) && field(port, Integer.toString(p)) && field(database, db) && field(user, u);
        }

        private static boolean field(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }

        @Override
        public String toString() {
            return host + ":" + port + ":" + database + ":" + user + ":<password>";
        }
    }

    private final Path path;
    private final List<Entry> entries;
    private final String ignored;

    private PgPassFile(Path path, List<Entry> entries, String ignored) {
        this.path = path;
        this.entries = List.copyOf(entries);
        this.ignored = ignored;
    }

    Path path() {
        return path;
    }

    /** Why the file's entries were not used (missing, not a plain file, too open, unreadable), or null. */
    String ignored() {
        return ignored;
    }

    List<Entry> entries() {
        return entries;
    }

    /**
     * Reads the file at {@code path}. A missing file has no entries; so has one that cannot be read or whose
     * permissions are too open, with a warning naming the file (never its content).
     */
    static PgPassFile read(Path path) {
        if (!Files.exists(path)) return new PgPassFile(path, List.of(), "no such file");
        if (!Files.isRegularFile(path)) {
            LOG.warn("password file \"{}\" is not a plain file: ignored", path);
            return new PgPassFile(path, List.of(), "not a plain file");
        }
        try {
            Set<PosixFilePermission> permissions = posixPermissions(path);
            if (permissions != null && permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                LOG.warn("password file \"{}\" has group or world access; permissions should be u=rw (0600) or less:"
                        + " ignored", path);
                return new PgPassFile(path, List.of(), "ignored: group or world access");
            }
            return new PgPassFile(path, parse(Files.readAllLines(path, StandardCharsets.UTF_8)), null);
        } catch (IOException e) {
            LOG.warn("password file \"{}\" cannot be read ({}): ignored", path, e.getClass().getSimpleName());
            return new PgPassFile(path, List.of(), "cannot be read");
        }
    }

    /** The password of the first entry that matches, if any; an empty password counts as none (as in libpq). */
    Optional<String> password(String host, int port, String database, String user) {
        for (Entry e : entries) {
            if (e.matches(host, port, database, user)) {
                return e.password().isEmpty() ? Optional.empty() : Optional.of(e.password());
            }
        }
        return Optional.empty();
    }

    static List<Entry> parse(List<String> lines) {
        List<Entry> out = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> fields = split(line);
            if (fields.size() == 5) out.add(new Entry(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4)));
        }
        return out;
    }

    /** The four fields before unescaped colons, then the rest of the line as the password, escapes removed. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>(5);
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (ch == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(ch);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    private static Set<PosixFilePermission> posixPermissions(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }
}
