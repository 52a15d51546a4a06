package org.openuid.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every opt-out the cluster acknowledged with 200 (email, the raw UID mapped just before the logout, when), and how
 * many it refused. The node records the raw UID of the salt it holds at the logout, and {@code /v2/optout/status}
 * answers by that raw UID: when a salt rotation falls between the mapping and the logout, the raw UID the bench holds
 * is the previous one and is rightly not reported. Such entries are told apart by the salt rotation windows.
 */
final class OptOutLedger {
    /** How long after a rotation's end nodes may still map with the previous salts (propagation, with margin). */
    static final long PROPAGATION_MARGIN_MS = 3_000;

    record Entry(String email, String rawUid, long mappedAtMs, long acknowledgedAtMs) {}

    private final List<Entry> acknowledged = new ArrayList<>();
    private final List<long[]> saltRotations = new ArrayList<>();
    private final AtomicLong refused = new AtomicLong();

    synchronized void acknowledged(String email, String rawUid, long mappedAtMs, long atMs) {
        acknowledged.add(new Entry(email, rawUid, mappedAtMs, atMs));
    }

    /** A salt rotation may have changed raw UIDs between these times (epoch ms). */
    synchronized void saltRotation(long fromMs, long toMs) {
        saltRotations.add(new long[] {fromMs, toMs + PROPAGATION_MARGIN_MS});
    }

    /** Whether the raw UID of this entry may be from before a salt rotation that the logout's node already had. */
    synchronized boolean straddlesSaltRotation(Entry e) {
        for (long[] w : saltRotations) if (e.mappedAtMs() <= w[1] && e.acknowledgedAtMs() >= w[0]) return true;
        return false;
    }

    void refused() { refused.incrementAndGet(); }

    long refusedCount() { return refused.get(); }

    synchronized List<Entry> all() { return List.copyOf(acknowledged); }

    /** A random entry acknowledged before {@code beforeMs} whose raw UID no salt rotation changed, or null. */
    synchronized Entry someOlderThan(long beforeMs) {
        int n = 0;
        while (n < acknowledged.size() && acknowledged.get(n).acknowledgedAtMs() < beforeMs) n++;
        for (int attempt = 0; attempt < 10 && n > 0; attempt++) {
            Entry e = acknowledged.get(ThreadLocalRandom.current().nextInt(n));
            if (!straddlesSaltRotation(e)) return e;
        }
        return null;
    }

    /** The time of the latest acknowledgement (0 when none). */
    synchronized long lastAcknowledgedMs() {
        return acknowledged.isEmpty() ? 0 : acknowledged.get(acknowledged.size() - 1).acknowledgedAtMs();
    }
}
