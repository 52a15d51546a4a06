package org.openuid.server.state;

import org.openuid.core.service.Snapshot;

import java.time.Instant;

/**
 * How well a node can serve right now (docs/deployment.md, "Store outages"):
 * <ul>
 *   <li>{@link Status#OK}: current data, store reachable.</li>
 *   <li>{@link Status#DEGRADED}: still serving correctly from the last snapshot, but the store cannot be read (or
 *       the change notifications are down, so changes arrive only by polling). The healthcheck stays 200 so that load
 *       balancers keep the node in rotation: every node of a deployment sees the same store outage, and taking all
 *       of them out would turn a store outage into a full outage.</li>
 *   <li>{@link Status#UNAVAILABLE}: the node fails closed because the keys or salts it holds expired: no active
 *       master or refresh key, no salt buckets, or salts not confirmed with the store for longer than
 *       {@code store_max_staleness_seconds}. Healthcheck 503; token endpoints answer 503.</li>
 * </ul>
 *
 * @param keysUsable  an active master key and refresh key are held
 * @param saltsUsable salt buckets are held and not expired
 */
public record NodeHealth(Status status, String reason, boolean keysUsable, boolean saltsUsable) {

    /** Overall state, worst last. */
    public enum Status { OK, DEGRADED, UNAVAILABLE }

    /** The store is considered not keeping up when no refresh succeeded for this many poll intervals (at least 10 s). */
    static final int OVERDUE_POLLS = 10;
    static final long MIN_OVERDUE_MILLIS = 10_000;

    private static final NodeHealth OK = new NodeHealth(Status.OK, "OK", true, true);

    /**
     * Durations are measured on a monotonic clock, independent of the node's (possibly simulated) business clock,
     * which decides only whether keys are active.
     *
     * @param snapshot          the snapshot being served (null before the first load)
     * @param nowMs             the node's business clock, for key activation and expiry
     * @param staleMs           time since the store was last read successfully
     * @param lastRefreshMs     wall-clock time of that read (for the reason text)
     * @param failingSinceMs    wall-clock time of the first failure of the current run of failed refreshes, or -1
     * @param notificationsDown change notifications are expected but disconnected
     */
    static NodeHealth assess(Snapshot snapshot, long nowMs, long staleMs, long lastRefreshMs, long failingSinceMs,
                             boolean notificationsDown, long pollMillis, long maxStalenessMs) {
        return assess(snapshot, snapshot == null ? null : KeyCheck.of(snapshot, Math.floorDiv(nowMs, 1000L)), staleMs,
                lastRefreshMs, failingSinceMs, notificationsDown, pollMillis, maxStalenessMs);
    }

    /** The same with the keys already checked for the current second ({@link KeyCheck}). */
    static NodeHealth assess(Snapshot snapshot, KeyCheck keys, long staleMs, long lastRefreshMs, long failingSinceMs,
                             boolean notificationsDown, long pollMillis, long maxStalenessMs) {
        if (snapshot == null) return unavailable("no data loaded", false, false);
        boolean master = keys.master();
        boolean refresh = keys.refresh();
        boolean saltsExpired = staleMs > maxStalenessMs;
        boolean salts = snapshot.salts().size() > 0 && !saltsExpired;
        if (!master) return unavailable("no active master key", false, salts);
        if (!refresh) return unavailable("no active refresh key", false, salts);
        if (snapshot.salts().size() == 0) return unavailable("no salt buckets", true, false);
        if (saltsExpired) {
            return unavailable("salts expired: not confirmed with the store since " + Instant.ofEpochMilli(lastRefreshMs)
                    + " (limit " + maxStalenessMs / 1000 + " s)", true, false);
        }
        if (failingSinceMs >= 0) {
            return degraded("store unreachable since " + Instant.ofEpochMilli(failingSinceMs)
                    + "; serving the data read at " + Instant.ofEpochMilli(lastRefreshMs));
        }
        if (staleMs > Math.max(MIN_OVERDUE_MILLIS, OVERDUE_POLLS * pollMillis)) {
            return degraded("store refresh overdue; serving the data read at " + Instant.ofEpochMilli(lastRefreshMs));
        }
        if (notificationsDown) return degraded("change notifications disconnected; relying on polling");
        return OK;
    }

    /**
     * Whether a snapshot has an active master and refresh key in one second of the business clock. Health is asked on
     * every token request (to fail closed), and the answer changes only with the snapshot or the second, so a node
     * keeps the last check instead of looking both keys up again per request.
     */
    record KeyCheck(Snapshot snapshot, long second, boolean master, boolean refresh) {
        static KeyCheck of(Snapshot snapshot, long second) {
            return new KeyCheck(snapshot, second, snapshot.masterKey(second) != null, snapshot.refreshKey(second) != null);
        }

        boolean isFor(Snapshot s, long sec) { return snapshot == s && second == sec; }
    }

    private static NodeHealth unavailable(String reason, boolean keys, boolean salts) {
        return new NodeHealth(Status.UNAVAILABLE, reason, keys, salts);
    }

    private static NodeHealth degraded(String reason) {
        return new NodeHealth(Status.DEGRADED, reason, true, true);
    }

    public boolean ok() { return status == Status.OK; }

    public boolean unavailable() { return status == Status.UNAVAILABLE; }
}
