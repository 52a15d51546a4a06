package org.openuid.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories that only the operator's user may read: directories 700, files 600. New files are created
 * with these permissions (never readable by others, not even for a moment); existing ones are tightened. On a file
 * system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) with mode 700, or sets an existing one to 700. */
    public static void directory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                if (posix(dir.toAbsolutePath())) {
                    Files.createDirectories(dir, attribute(DIRECTORY));
                } else {
                    Files.createDirectories(dir);
                }
            }
            restrict(dir, DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private directory " + dir, e);
        }
    }

    /** Sets {@code dir} to 700 and every regular file directly inside it to 600. */
    public static void tighten(Path dir) {
        directory(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) file(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Sets an existing file to 600 (a file that does not exist is left alone). */
    public static void file(Path file) {
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) restrict(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " private", e);
        }
    }

    /** Writes {@code text} (UTF-8) to {@code file}, which is created with mode 600 (or set to 600 when it exists). */
    public static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) Files.createDirectories(parent);
        try (SeekableByteChannel ch = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), posixFileAttribute(parent))) {
            restrict(file, FILE);
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
        }
    }

    /** Mode 600 as a creation attribute for files in {@code dir}; none on a file system without POSIX permissions. */
    public static FileAttribute<?>[] posixFileAttribute(Path dir) {
        return posix(dir) ? new FileAttribute<?>[]{attribute(FILE)} : new FileAttribute<?>[0];
    }

    static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    static boolean posix(Path anyPath) {
        Path p = anyPath == null ? Path.of("").toAbsolutePath() : anyPath;
        while (p != null && !Files.exists(p)) p = p.getParent();
        try {
            return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
        } catch (IOException e) {
            return false;
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(permissions))
                Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system
        }
    }
}
