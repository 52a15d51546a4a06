package org.openuid.store;

import org.openuid.core.uid.SaltLayout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The layout of the salt table ({@link SaltLayout}) of an embedded store, kept beside the database
 * ({@code openuid.salt-layout}, mode 600) so that the next start can lay the table out before it opens any sealed
 * chunk, and open each chunk when a request first needs it. It holds no salt: per chunk, the bucket count, how many
 * bytes of salt text it adds, its first id and which kinds of salt it has. It is only used for the very chunks it was
 * taken from: the file names each chunk's number, length and first bytes as stored (a sealed chunk starts with its
 * random 96-bit IV, new on every write), and the salt bucket set's version. A file of another version or chunk count
 * (a missing, older, unreadable or damaged file) makes the store decode every chunk at once, as without the file, and
 * write a new one; a chunk that differs from what the file names is found when that chunk is read, and is not used
 * ({@link SaltRows}).
 */
final class SaltLayoutFile {
    private static final byte[] MAGIC = {'O', 'U', 'S', 'L', 'Y', 1};
    /** Stored bytes compared per chunk: the seal's magic, the IV and the start of the ciphertext. */
    static final int PREFIX = 33;

    private SaltLayoutFile() {}

    /** One stored chunk row as read: its number and its stored (sealed) bytes. */
    record Chunk(int chunkNo, byte[] stored) {}

    /** Writes the layout of {@code chunks} at salt version {@code version}; best effort (a start without it is slower, not wrong). */
    static void write(Path file, long version, List<Chunk> chunks, SaltLayout layout) {
        byte[] l = layout.toBytes();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 12 + chunks.size() * (8 + PREFIX) + l.length);
        out.put(MAGIC).putLong(version).putInt(chunks.size());
        for (Chunk c : chunks) {
            out.putInt(c.chunkNo()).putInt(c.stored().length);
            out.put(Arrays.copyOf(c.stored(), PREFIX));
        }
        out.put(l);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (SeekableByteChannel ch = Files.newByteChannel(tmp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), PrivateFiles.posixFileAttribute(tmp.getParent()))) {
                out.flip();
                while (out.hasRemaining()) ch.write(out);
            }
            PrivateFiles.file(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            delete(tmp);
        }
    }

    /**
     * A layout as read from the file, with what it says of each chunk it was taken from: its number, and its stored
     * length and first bytes, checked against the chunk when the chunk is read ({@link #matches}), not at load, so that
     * a start reads no chunk row.
     */
    record Taken(SaltLayout layout, int[] chunkNos, int[] lengths, byte[][] prefixes) {
        int chunks() { return chunkNos.length; }

        /** Whether {@code stored} is the very chunk {@code k} the layout was taken from. */
        boolean matches(int k, byte[] stored) {
            return stored != null && stored.length == lengths[k]
                    && Arrays.equals(prefixes[k], Arrays.copyOf(stored, PREFIX));
        }
    }

    /**
     * The layout in {@code file} when it was taken at salt version {@code version}, else null. Each chunk is to be
     * checked with {@link Taken#matches} when it is read.
     */
    static Taken read(Path file, long version) {
        try {
            if (!Files.isRegularFile(file)) return null;
            ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            if (!Arrays.equals(magic, MAGIC) || in.getLong() != version) return null;
            int n = in.getInt();
            if (n < 0 || n > in.remaining() / (8 + PREFIX)) return null;
            int[] chunkNos = new int[n];
            int[] lengths = new int[n];
            byte[][] prefixes = new byte[n][PREFIX];
            for (int k = 0; k < n; k++) {
                chunkNos[k] = in.getInt();
                lengths[k] = in.getInt();
                in.get(prefixes[k]);
            }
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            SaltLayout layout = SaltLayout.fromBytes(rest);
            return layout.chunks() == n ? new Taken(layout, chunkNos, lengths, prefixes) : null;
        } catch (IOException | RuntimeException unusable) {
            return null;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the next start checks it again
        }
    }
}
