package org.openuid.core.service;

import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.uid.SaltTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Salt rotation as a pure decision (spec keys-and-data.md §6.4): which buckets rotate now and their new values.
 *
 * <p><b>Selection.</b> A bucket is eligible when its {@code lastUpdated} is at least {@code minAgeMs} before now
 * (a bucket updated more recently, or dated in the future, never rotates). The number to rotate is
 * {@code fraction × bucket count}, rounded down or up at random in proportion to the remainder, so that the
 * expected number equals the fraction exactly even for small tables; it is capped by the number of eligible
 * buckets. The oldest eligible buckets are taken first; buckets of equal age are chosen at random.
 *
 * <p><b>New values.</b> A salt bucket's current salt becomes its previous salt, the new current salt is the
 * Base64 text of 32 fresh random bytes, {@code lastUpdated} becomes now and {@code refreshFrom} now + the refresh
 * delay; previous v4 key material is dropped. A v4 key-material bucket stays a v4 bucket: its current key material
 * becomes the previous one, and new key material gets the next unused key id (one more than the largest id in the
 * table; ids are 24-bit in raw UIDs), a 32-character key (Base64 of 24 random bytes) and a salt (Base64 of 32
 * random bytes); its previous salt is cleared so that the previous raw UID comes from the previous key material.
 */
public final class SaltRotation {
    /** Largest v4 key id: raw UIDs carry key ids in three bytes. */
    public static final int MAX_KEY_ID = 0xFFFFFF;
    private static final int SALT_BYTES = 32;
    private static final int KEY_BYTES = 24;

    private SaltRotation() {}

    /**
     * @param fraction       share of all buckets to rotate per run, 0 to 1
     * @param minAgeMs       buckets updated less than this long ago are never rotated
     * @param refreshDelayMs a rotated bucket's {@code refreshFrom} is this long after the rotation
     */
    public record Settings(double fraction, long minAgeMs, long refreshDelayMs) {
        public Settings {
            if (!(fraction >= 0 && fraction <= 1)) throw new IllegalArgumentException("rotation fraction must be between 0 and 1, got " + fraction);
            if (minAgeMs < 0) throw new IllegalArgumentException("minimum bucket age must not be negative");
            if (refreshDelayMs < 0) throw new IllegalArgumentException("refresh delay must not be negative");
        }
    }

    /**
     * @param bucketCount   buckets in the table
     * @param eligibleCount buckets old enough to rotate
     * @param rotated       the new values of the rotated buckets, in file order
     */
    public record Plan(int bucketCount, int eligibleCount, List<SaltBucket> rotated) {
        public Plan {
            rotated = List.copyOf(rotated);
        }
    }

    /** Decides the rotation of {@code table} at {@code nowMs}; {@code random} supplies the choice and the new secrets. */
    public static Plan plan(SaltTable table, long nowMs, Settings settings, Random random) {
        int n = table.size();
        int[] eligible = new int[n];
        int eligibleCount = 0;
        for (int i = 0; i < n; i++) {
            if (isOldEnough(table.lastUpdated(i), nowMs, settings.minAgeMs())) eligible[eligibleCount++] = i;
        }
        int target = target(n, settings.fraction(), random);
        int[] chosen = choose(table, Arrays.copyOf(eligible, eligibleCount), Math.min(target, eligibleCount), random);
        List<SaltBucket> rotated = new ArrayList<>(chosen.length);
        int[] nextKeyId = {-1};
        for (int index : chosen) rotated.add(rotate(table, index, nowMs, settings.refreshDelayMs(), random, nextKeyId));
        return new Plan(n, eligibleCount, rotated);
    }

    static boolean isOldEnough(long lastUpdatedMs, long nowMs, long minAgeMs) {
        return lastUpdatedMs <= nowMs && nowMs - lastUpdatedMs >= minAgeMs;
    }

    /** fraction × n, rounded down or up at random so that its expectation is exact. */
    static int target(int n, double fraction, Random random) {
        double exact = fraction * n;
        int whole = (int) Math.floor(exact);
        double rest = exact - whole;
        return rest > 0 && random.nextDouble() < rest ? whole + 1 : whole;
    }

    /** The {@code k} oldest of {@code eligible} (ties at random), in ascending index order. */
    private static int[] choose(SaltTable table, int[] eligible, int k, Random random) {
        if (k <= 0) return new int[0];
        if (k == eligible.length) return eligible;
        long[] ages = new long[eligible.length];
        for (int i = 0; i < eligible.length; i++) ages[i] = table.lastUpdated(eligible[i]);
        Arrays.sort(ages);
        long threshold = ages[k - 1];
        int older = 0;
        int ties = 0;
        for (int index : eligible) {
            long lu = table.lastUpdated(index);
            if (lu < threshold) older++;
            else if (lu == threshold) ties++;
        }
        int fromTies = k - older;
        // pick fromTies of the ties uniformly (selection sampling keeps index order)
        int[] out = new int[k];
        int o = 0;
        int tiesLeft = ties;
        int needed = fromTies;
        for (int index : eligible) {
            long lu = table.lastUpdated(index);
            if (lu < threshold) {
                out[o++] = index;
            } else if (lu == threshold) {
                if (needed > 0 && random.nextInt(tiesLeft) < needed) {
                    out[o++] = index;
                    needed--;
                }
                tiesLeft--;
            }
        }
        return out;
    }

    private static SaltBucket rotate(SaltTable table, int index, long nowMs, long refreshDelayMs, Random random, int[] nextKeyId) {
        int id = table.bucketId(index);
        long refreshFrom = saturatedAdd(nowMs, refreshDelayMs);
        KeyMaterial currentKey = table.currentKey(index);
        if (!table.hasCurrentSalt(index) && currentKey != null) {
            if (nextKeyId[0] < 0) nextKeyId[0] = largestKeyId(table) + 1;
            int keyId = nextKeyId[0]++;
            if (keyId > MAX_KEY_ID) throw new IllegalStateException("no v4 key id left (ids are at most " + MAX_KEY_ID + ")");
            KeyMaterial fresh = new KeyMaterial(keyId, randomBase64(random, KEY_BYTES), randomBase64(random, SALT_BYTES));
            return new SaltBucket(id, nowMs, "", refreshFrom, "", fresh, currentKey);
        }
        return new SaltBucket(id, nowMs, randomBase64(random, SALT_BYTES), refreshFrom, table.currentSalt(index), null, null);
    }

    private static int largestKeyId(SaltTable table) {
        int max = 0;
        for (int i = 0; i < table.size(); i++) {
            KeyMaterial c = table.currentKey(i);
            KeyMaterial p = table.previousKey(i);
            if (c != null) max = Math.max(max, c.id());
            if (p != null) max = Math.max(max, p.id());
        }
        return max;
    }

    private static String randomBase64(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
