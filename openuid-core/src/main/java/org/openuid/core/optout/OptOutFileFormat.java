package org.openuid.core.optout;

import org.openuid.core.model.OptOutRecord;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * The upstream opt-out file format (spec keys-and-data.md §7.1): files are concatenations of 72-byte records,
 * first-level hash (32 bytes) ‖ advertising id (32 bytes) ‖ epoch seconds (7 bytes, little-endian) ‖ metadata (1 byte:
 * bits 6–7 record version, bits 0–5 the first byte of a 33-byte advertising id in record version 1).
 *
 * <p>Two first-level hashes are sentinels, not user records: all zero bytes and all 0xFF bytes.
 */
public final class OptOutFileFormat {
    public static final int RECORD_SIZE = 72;
    public static final String DELTA_PREFIX = "optout-delta-";
    public static final String PARTITION_PREFIX = "optout-partition-";
    public static final String SUFFIX = ".dat";
    private static final int HASH = 32;
    private static final int TIME_OFFSET = 64;
    private static final int META_OFFSET = 71;
    private static final long MAX_SECONDS = (1L << 56) - 1;
    /** The time in file names, as the upstream service writes it ({@code 2024-04-01T00.00.00Z}). */
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm.ss'Z'")
            .withZone(ZoneOffset.UTC);

    private OptOutFileFormat() {}

    /** What a record of a file holds. */
    public enum Kind { RECORD, SENTINEL }

    /** The record version (bits 6–7 of the metadata byte) of the record at {@code offset}. */
    public static int version(byte[] buf, int offset) {
        return (buf[offset + META_OFFSET] & 0xFF) >>> 6;
    }

    /** Whether the record at {@code offset} is one of the two sentinels (all-zero or all-0xFF first-level hash). */
    public static boolean isSentinel(byte[] buf, int offset) {
        byte first = buf[offset];
        if (first != 0 && first != (byte) 0xFF) return false;
        for (int i = 1; i < HASH; i++) if (buf[offset + i] != first) return false;
        return true;
    }

    /**
     * Checks the record at {@code offset}: @return null when it is valid, otherwise why it is not (a record version
     * other than 0 and 1).
     */
    public static String problem(byte[] buf, int offset) {
        int version = version(buf, offset);
        return version <= 1 ? null : "unknown record version " + version;
    }

    /** Decodes the (valid, non-sentinel) record at {@code offset}. */
    public static OptOutRecord decode(byte[] buf, int offset) {
        byte[] flh = Arrays.copyOfRange(buf, offset, offset + HASH);
        int meta = buf[offset + META_OFFSET] & 0xFF;
        byte[] id;
        if (meta >>> 6 == 1) {
            id = new byte[HASH + 1];
            id[0] = (byte) (meta & 0x3F);
            System.arraycopy(buf, offset + HASH, id, 1, HASH);
        } else {
            id = Arrays.copyOfRange(buf, offset + HASH, offset + 2 * HASH);
        }
        long seconds = 0;
        for (int i = 6; i >= 0; i--) seconds = (seconds << 8) | (buf[offset + TIME_OFFSET + i] & 0xFF);
        return new OptOutRecord(flh, id, seconds);
    }

    /**
     * Whether a record can be written in this format: it needs a 32-byte first-level hash that is not a sentinel, and a
     * 32-byte advertising id or a 33-byte one whose first byte fits in 6 bits.
     */
    public static boolean encodable(OptOutRecord r) {
        byte[] flh = r.firstLevelHash();
        if (flh.length != HASH || isSentinel(flh, 0)) return false;
        if (r.timestampSeconds() < 0 || r.timestampSeconds() > MAX_SECONDS) return false;
        byte[] id = r.rawUid();
        return id.length == HASH || (id.length == HASH + 1 && (id[0] & 0xC0) == 0);
    }

    /** Writes an {@link #encodable} record at {@code offset} (record version 0 for 32-byte ids, 1 for 33-byte ones). */
    public static void encode(OptOutRecord r, byte[] buf, int offset) {
        if (!encodable(r)) throw new IllegalArgumentException("this opt-out cannot be written as a 72-byte record");
        System.arraycopy(r.firstLevelHash(), 0, buf, offset, HASH);
        byte[] id = r.rawUid();
        int meta = 0;
        if (id.length == HASH + 1) {
            System.arraycopy(id, 1, buf, offset + HASH, HASH);
            meta = 0x40 | id[0];
        } else {
            System.arraycopy(id, 0, buf, offset + HASH, HASH);
        }
        long seconds = r.timestampSeconds();
        for (int i = 0; i < 7; i++) buf[offset + TIME_OFFSET + i] = (byte) (seconds >>> (8 * i));
        buf[offset + META_OFFSET] = (byte) meta;
    }

    /** Whether a file name is that of a delta or partition file. */
    public static boolean isOptOutFile(String name) {
        return (name.startsWith(DELTA_PREFIX) || name.startsWith(PARTITION_PREFIX)) && name.endsWith(SUFFIX);
    }

    /** {@code optout-<delta|partition>-<replica>_<time>_<suffix>.dat}, the upstream naming. */
    public static String fileName(boolean partition, String replica, Instant time, String suffix) {
        return (partition ? PARTITION_PREFIX : DELTA_PREFIX) + replica + "_" + NAME_TIME.format(time) + "_" + suffix
                + SUFFIX;
    }
}
