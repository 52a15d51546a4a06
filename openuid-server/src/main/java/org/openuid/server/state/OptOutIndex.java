package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutLookup;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Base64;

/**
 * The node's in-memory opt-out index, fed from the store's append-only opt-out sequence (spec keys-and-data.md §7.2):
 * first-level hash → opt-out time, and raw UID → earliest opt-out time. Two {@link TimestampTable}s over primitive
 * arrays hold a 128-bit keyed fingerprint of each key instead of its 32 bytes (a 33-byte raw UID's first byte is
 * fingerprinted with the rest as a prefix), with no object per record: about 55 bytes per opt-out (measured figures
 * in docs/optout.md; {@link TimestampTable} explains why a false match is negligible, even for chosen
 * keys). The index answers lookups only; it cannot list or give back the keys it holds.
 *
 * <p><b>Threads.</b> {@link #add} is serialised by a lock (in practice only the tailer of
 * {@link OperatorState} calls it); lookups take no lock and may run on any thread at any time (the memory model is
 * described on {@link TimestampTable}). An opt-out becomes visible to lookups once {@link #add} returns.
 *
 * <p><b>What is indexed.</b> A first-level hash of exactly 32 bytes; a raw UID of 32 or 33 bytes. A record with an
 * empty first-level hash (a raw-UID-only opt-out from a bulk import) is reachable by raw UID only. Times are kept as
 * unsigned 32-bit epoch seconds (valid until 2106); times outside that range are clamped.
 */
public final class OptOutIndex implements OptOutLookup {
    static final int KEY_BYTES = 32;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final TimestampTable byFirstLevelHash = new TimestampTable();
    private final TimestampTable byRawUid = new TimestampTable();
    private final Object writeLock = new Object();
    private volatile long lastSequence;
    private volatile long ignored;

    /** Indexes one record of the store's sequence. */
    public void add(long sequence, OptOutRecord r) {
        synchronized (writeLock) {
            int seconds = unsignedSeconds(r.timestampSeconds());
            byte[] flh = r.firstLevelHash();
            byte[] raw = r.rawUid();
            boolean indexed = false;
            if (flh != null && flh.length == KEY_BYTES) {
                byFirstLevelHash.putEarliest(word(flh, 0), word(flh, 8), word(flh, 16), word(flh, 24), 0, seconds);
                indexed = true;
            }
            if (raw != null && (raw.length == KEY_BYTES || raw.length == KEY_BYTES + 1)) {
                int off = raw.length - KEY_BYTES;
                byRawUid.putEarliest(word(raw, off), word(raw, off + 8), word(raw, off + 16), word(raw, off + 24),
                        TimestampTable.prefixCode(off == 1, raw[0]), seconds);
                indexed = true;
            }
            if (!indexed) ignored = ignored + 1;
            if (sequence > lastSequence) lastSequence = sequence;
        }
    }

    /** Highest store sequence number indexed so far (0 when none). */
    public long lastSequence() { return lastSequence; }

    /** Number of distinct first-level hashes. */
    public int size() { return byFirstLevelHash.size(); }

    /** Number of distinct raw UIDs. */
    public int rawUidCount() { return byRawUid.size(); }

    /** Records that carried neither a usable first-level hash nor a usable raw UID. */
    public long ignoredRecords() { return ignored; }

    /** Approximate heap held by the index (its primitive arrays). */
    public long heapBytes() { return byFirstLevelHash.heapBytes() + byRawUid.heapBytes(); }

    @Override
    public long optedOutSince(byte[] firstLevelHash) {
        if (firstLevelHash == null || firstLevelHash.length != KEY_BYTES) return -1;
        byte[] k = firstLevelHash;
        return byFirstLevelHash.get(word(k, 0), word(k, 8), word(k, 16), word(k, 24), 0);
    }

    /**
     * Exact match on the Base64 text (spec keys-and-data.md §7.2): the text is decoded and must be the canonical
     * standard Base64 of a 32- or 33-byte raw UID, so any other spelling of the same bytes is not found.
     */
    @Override
    public long optedOutSinceByRawUid(String rawUidBase64) {
        if (rawUidBase64 == null || rawUidBase64.length() != 44) return -1;
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(rawUidBase64);
        } catch (IllegalArgumentException e) {
            return -1;
        }
        if (!Base64.getEncoder().encodeToString(raw).equals(rawUidBase64)) return -1;
        return optedOutSinceByRawUid(raw);
    }

    /** @return earliest opt-out time in epoch seconds of this raw UID (32 or 33 bytes), or -1 */
    public long optedOutSinceByRawUid(byte[] raw) {
        if (raw == null || (raw.length != KEY_BYTES && raw.length != KEY_BYTES + 1)) return -1;
        int off = raw.length - KEY_BYTES;
        return byRawUid.get(word(raw, off), word(raw, off + 8), word(raw, off + 16), word(raw, off + 24),
                TimestampTable.prefixCode(off == 1, raw[0]));
    }

    private static long word(byte[] b, int offset) {
        return (long) LONGS.get(b, offset);
    }

    static int unsignedSeconds(long seconds) {
        return (int) Math.max(0L, Math.min(seconds, 0xFFFF_FFFFL));
    }
}
