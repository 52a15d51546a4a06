package org.openuid.server.cstg;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets, one per key (client IP or site id): each holds up to {@code burst} tokens and refills
 * at {@code perSecond}; a request takes one token or is refused. Per node, not shared between nodes. Buckets that
 * have refilled completely are indistinguishable from new ones, so they are dropped when the map grows past
 * {@code maxKeys}; if that does not free enough room the map is cleared. Uses the operator's clock.
 */
public final class TokenBuckets<K> {
    private final double perMilli;
    private final double burst;
    private final LongSupplier clock;
    private final int maxKeys;
    private final Map<K, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perSecond tokens added per second; 0 turns the limiter off (every request passes) */
    public TokenBuckets(int perSecond, int burst, LongSupplier clock, int maxKeys) {
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    public boolean enabled() { return perMilli > 0; }

    /** Takes one token for {@code key}; false when its bucket is empty. */
    public boolean tryAcquire(K key) {
        if (!enabled()) return true;
        long now = clock.getAsLong();
        Bucket b = buckets.get(key);
        if (b == null) {
            if (buckets.size() >= maxKeys) evictIdle(now);
            b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        return b.take(now, perMilli, burst);
    }

    int size() { return buckets.size(); }

    private void evictIdle(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().isFull(now, perMilli, burst)) it.remove();
        }
        if (buckets.size() >= maxKeys) buckets.clear();
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perMilli, double burst) {
            refill(now, perMilli, burst);
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }

        synchronized boolean isFull(long now, double perMilli, double burst) {
            refill(now, perMilli, burst);
            return tokens >= burst;
        }

        private void refill(long now, double perMilli, double burst) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perMilli);
                last = now;
            }
        }
    }
}
