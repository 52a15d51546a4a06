package org.openuid.store;

import org.openuid.core.uid.SaltTable;

import java.nio.file.Path;

import static org.openuid.store.Jdbc.first;
import static org.openuid.store.Jdbc.query;

/**
 * The chunks of a salt table laid out from its layout file ({@link SaltLayoutFile}), read from the store one row at
 * a time when the table first needs them ({@link SaltTable#lazy}): a start then reads no chunk row before the node
 * listens. A chunk row is used only when it is the very row the layout was taken from (its stored length and first
 * bytes, which hold the seal's random IV); any other row, or one that does not open with the secrets key, fails the
 * read (never a wrong salt) and removes the layout file, so that the next start decodes every chunk at once.
 */
final class LazySaltChunks implements SaltTable.ChunkSource {
    private final Jdbc jdbc;
    private final Sealing sealing;
    private final Path layoutFile;
    private final SaltLayoutFile.Taken taken;

    LazySaltChunks(Jdbc jdbc, Sealing sealing, Path layoutFile, SaltLayoutFile.Taken taken) {
        this.jdbc = jdbc;
        this.sealing = sealing;
        this.layoutFile = layoutFile;
        this.taken = taken;
    }

    @Override
    public void decode(int chunk, SaltTable.Builder into) {
        int chunkNo = taken.chunkNos()[chunk];
        byte[] stored = jdbc.read("read salt bucket chunk " + chunkNo, c -> first(query(c,
                "SELECT data FROM salt_bucket_chunks WHERE chunk_no = ?", ps -> ps.setInt(1, chunkNo),
                rs -> rs.getBytes(1))).orElse(null));
        if (!taken.matches(chunk, stored)) {
            SaltLayoutFile.delete(layoutFile);
            throw new IllegalStateException("salt bucket chunk " + chunkNo + " is not the one the salt layout was taken from");
        }
        try {
            SaltChunkCodec.decodeInto(sealing.openBytes(stored), into);
        } catch (IllegalStateException e) {
            SaltLayoutFile.delete(layoutFile);
            throw e;
        }
    }
}
