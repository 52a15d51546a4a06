package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutLookup;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory opt-out index fed from the store's append-only sequence: by first-level hash and by raw UID
 * (Base64 text, earliest time wins). Lock-free reads.
 */
public final class OptOutIndex implements OptOutLookup {
    private final ConcurrentHashMap<ByteBuffer, Long> byFirstLevelHash = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> byRawUid = new ConcurrentHashMap<>();
    private volatile long lastSequence;

    public void add(long sequence, OptOutRecord r) {
        byFirstLevelHash.merge(ByteBuffer.wrap(r.firstLevelHash().clone()), r.timestampSeconds(), Math::min);
        if (r.rawUid() != null && r.rawUid().length > 0)
            byRawUid.merge(Base64.getEncoder().encodeToString(r.rawUid()), r.timestampSeconds(), Math::min);
        if (sequence > lastSequence) lastSequence = sequence;
    }

    public long lastSequence() { return lastSequence; }

    public int size() { return byFirstLevelHash.size(); }

    @Override
    public long optedOutSince(byte[] firstLevelHash) {
        Long t = byFirstLevelHash.get(ByteBuffer.wrap(firstLevelHash));
        return t == null ? -1 : t;
    }

    @Override
    public long optedOutSinceByRawUid(String rawUidBase64) {
        Long t = byRawUid.get(rawUidBase64);
        return t == null ? -1 : t;
    }
}
