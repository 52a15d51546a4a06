package org.openuid.server.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Builds an upstream opt-out file byte by byte from the layout of spec keys-and-data.md §7.1 (independently of the
 * production codec): first-level hash 32 B ‖ advertising id 32 B ‖ epoch seconds 7 B little-endian ‖ metadata 1 B
 * (bits 6–7 record version; in version 1, bits 0–5 are the first byte of a 33-byte advertising id).
 */
public final class SpecOptOutFile {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** A record: version 0 for a 32-byte advertising id, version 1 for a 33-byte one. */
    public SpecOptOutFile record(byte[] firstLevelHash, byte[] advertisingId, long seconds) {
        if (firstLevelHash.length != 32) throw new IllegalArgumentException("first-level hash is 32 bytes");
        int metadata;
        byte[] id;
        if (advertisingId.length == 33) {
            metadata = 0x40 | (advertisingId[0] & 0x3F);
            id = Arrays.copyOfRange(advertisingId, 1, 33);
        } else {
            metadata = 0;
            id = advertisingId;
        }
        return raw(firstLevelHash, id, seconds, metadata);
    }

    /** The all-zero sentinel ("opted out now"). */
    public SpecOptOutFile zeroSentinel(long seconds) {
        return raw(new byte[32], new byte[32], seconds, 0);
    }

    /** The all-0xFF sentinel ("never opted out"). */
    public SpecOptOutFile onesSentinel(long seconds) {
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xFF);
        return raw(ff, ff, seconds, 0);
    }

    /** A record with any metadata byte (for bad record versions). */
    public SpecOptOutFile raw(byte[] firstLevelHash, byte[] id32, long seconds, int metadata) {
        bytes.writeBytes(firstLevelHash);
        bytes.writeBytes(id32);
        for (int i = 0; i < 7; i++) bytes.write((int) (seconds >>> (8 * i)) & 0xFF);
        bytes.write(metadata);
        return this;
    }

    /** Extra bytes (for a length that is not a multiple of 72). */
    public SpecOptOutFile trailing(int n) {
        bytes.writeBytes(new byte[n]);
        return this;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }

    public Path write(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), bytes());
    }
}
