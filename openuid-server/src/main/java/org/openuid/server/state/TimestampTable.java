package org.openuid.server.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An open-addressing hash map from a 32-byte key (optionally preceded by one prefix byte, for 33-byte raw UIDs) to
 * an unsigned 32-bit timestamp in epoch seconds, keeping the earliest time per key. Built for tens of millions of
 * entries without one object per entry:
 *
 * <ul>
 *   <li><b>Entries</b> live in fixed-size pages that are allocated as the table grows and never move: per entry
 *   four {@code long}s of key, one {@code int} of time and, in prefixed tables, one {@code short} holding
 *   {@code 0x100 | prefix} (or 0 for a key without prefix). Entry {@code n} is page {@code n >>> PAGE_BITS}.</li>
 *   <li><b>Slots</b> are one {@code int[]} (power-of-two length, linear probing) holding entry number + 1, 0 for an
 *   empty slot. At a load above {@value #MAX_LOAD_PERCENT}% the writer builds a slot array twice the size from the
 *   pages and publishes it; entries are not copied.</li>
 * </ul>
 *
 * <p><b>Memory model (one writer, any number of readers, no locks on the read path).</b> Only one thread may call
 * {@link #putEarliest} at a time (callers serialise; {@link OptOutIndex} holds a lock). The writer fills an entry's
 * key, time and prefix with plain writes, stores the page references first if the page is new, and only then
 * publishes the entry by writing its slot with release semantics ({@link VarHandle#setRelease}); readers read slots
 * with acquire semantics ({@link VarHandle#getAcquire}), so a reader that sees a slot also sees everything the writer
 * wrote before publishing it, including the page. A resize fills the new slot array completely before publishing it
 * through the volatile {@link #slots} field; the old array is never written again, so a reader still probing it sees
 * a consistent (possibly slightly older) table. A lowered time is written with release semantics and read with acquire
 * semantics; a reader sees either the old or the new time, both of which are opt-out times of that key. Keys are
 * never removed.
 */
final class TimestampTable {
    static final int PAGE_BITS = 14;
    static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int PAGE_MASK = PAGE_SIZE - 1;
    /** Longest slot array (2^30), so a table holds at most 75% of that: far more than fits in a normal heap. */
    private static final int MAX_SLOTS = 1 << 30;
    private static final int MAX_PAGES = MAX_SLOTS / PAGE_SIZE;
    private static final int MAX_LOAD_PERCENT = 75;
    private static final int INITIAL_SLOTS = 1 << 10;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle TIME = MethodHandles.arrayElementVarHandle(int[].class);

    private final boolean prefixed;
    private final long[][] keyPages = new long[MAX_PAGES][];
    private final int[][] timePages = new int[MAX_PAGES][];
    private final short[][] prefixPages;
    private volatile int[] slots = new int[INITIAL_SLOTS];
    private volatile int size;

    /** @param prefixed whether keys may carry a prefix byte (raw UIDs of 33 bytes) */
    TimestampTable(boolean prefixed) {
        this.prefixed = prefixed;
        this.prefixPages = prefixed ? new short[MAX_PAGES][] : null;
    }

    /** Prefix code of a key: {@code 0x100 | prefix} when it has one, 0 otherwise. */
    static int prefixCode(boolean hasPrefix, byte prefix) {
        return hasPrefix ? 0x100 | (prefix & 0xFF) : 0;
    }

    /** Number of distinct keys. */
    int size() { return size; }

    /** Bytes of heap held by the pages and the slot array (array headers and the page directories excluded). */
    long heapBytes() {
        long pages = (size + (long) PAGE_SIZE - 1) / PAGE_SIZE;
        long perEntry = 4L * Long.BYTES + Integer.BYTES + (prefixed ? Short.BYTES : 0);
        return pages * PAGE_SIZE * perEntry + (long) slots.length * Integer.BYTES;
    }

    /** @return the unsigned time of this key, or -1 when absent */
    long get(long k0, long k1, long k2, long k3, int prefix) {
        int[] s = slots;
        int mask = s.length - 1;
        for (int i = (int) hash(k0, k1, k2, k3, prefix) & mask; ; i = (i + 1) & mask) {
            int slot = (int) SLOT.getAcquire(s, i);
            if (slot == 0) return -1;
            int e = slot - 1;
            if (matches(e, k0, k1, k2, k3, prefix)) {
                return Integer.toUnsignedLong((int) TIME.getAcquire(timePages[e >>> PAGE_BITS], e & PAGE_MASK));
            }
        }
    }

    /**
     * Adds the key with this time, or lowers its time when the key is present with a later one. Single writer only.
     *
     * @param seconds unsigned epoch seconds
     * @return true when the key was new
     */
    boolean putEarliest(long k0, long k1, long k2, long k3, int prefix, int seconds) {
        if (prefix != 0 && !prefixed) throw new IllegalArgumentException("this table has no key prefixes");
        int[] s = slots;
        int mask = s.length - 1;
        int i = (int) hash(k0, k1, k2, k3, prefix) & mask;
        for (; ; i = (i + 1) & mask) {
            int slot = s[i];
            if (slot == 0) break;
            int e = slot - 1;
            if (matches(e, k0, k1, k2, k3, prefix)) {
                int[] times = timePages[e >>> PAGE_BITS];
                if (Integer.compareUnsigned(seconds, times[e & PAGE_MASK]) < 0) TIME.setRelease(times, e & PAGE_MASK, seconds);
                return false;
            }
        }
        int e = size;
        if ((long) (e + 1) * 100 > (long) s.length * MAX_LOAD_PERCENT) {
            if (s.length >= MAX_SLOTS) throw new IllegalStateException("opt-out table is full (" + e + " entries)");
            s = grow(s);
            mask = s.length - 1;
            i = (int) hash(k0, k1, k2, k3, prefix) & mask;
            while (s[i] != 0) i = (i + 1) & mask;
        }
        int page = e >>> PAGE_BITS;
        int at = e & PAGE_MASK;
        if (keyPages[page] == null) {
            keyPages[page] = new long[PAGE_SIZE * 4];
            timePages[page] = new int[PAGE_SIZE];
            if (prefixed) prefixPages[page] = new short[PAGE_SIZE];
        }
        long[] keys = keyPages[page];
        keys[at * 4] = k0;
        keys[at * 4 + 1] = k1;
        keys[at * 4 + 2] = k2;
        keys[at * 4 + 3] = k3;
        timePages[page][at] = seconds;
        if (prefixed) prefixPages[page][at] = (short) prefix;
        SLOT.setRelease(s, i, e + 1);
        size = e + 1;
        return true;
    }

    private boolean matches(int e, long k0, long k1, long k2, long k3, int prefix) {
        int page = e >>> PAGE_BITS;
        int at = (e & PAGE_MASK) * 4;
        long[] keys = keyPages[page];
        return keys[at] == k0 && keys[at + 1] == k1 && keys[at + 2] == k2 && keys[at + 3] == k3
                && (!prefixed || prefixPages[page][e & PAGE_MASK] == (short) prefix);
    }

    /** Builds and publishes a slot array of twice the length holding every entry. */
    private int[] grow(int[] old) {
        int[] bigger = new int[old.length * 2];
        int mask = bigger.length - 1;
        for (int e = 0; e < size; e++) {
            int page = e >>> PAGE_BITS;
            int at = e & PAGE_MASK;
            long[] keys = keyPages[page];
            int prefix = prefixed ? prefixPages[page][at] : 0;
            int i = (int) hash(keys[at * 4], keys[at * 4 + 1], keys[at * 4 + 2], keys[at * 4 + 3], prefix) & mask;
            while (bigger[i] != 0) i = (i + 1) & mask;
            bigger[i] = e + 1;
        }
        slots = bigger;
        return bigger;
    }

    /** Mixes all key bits (keys may be chosen by whoever fills the store, so no single word is trusted). */
    static long hash(long k0, long k1, long k2, long k3, int prefix) {
        long h = k0 * 0x9E3779B97F4A7C15L;
        h = Long.rotateLeft(h ^ k1, 27) * 0xC2B2AE3D27D4EB4FL;
        h = Long.rotateLeft(h ^ k2, 31) * 0x165667B19E3779F9L;
        h = Long.rotateLeft(h ^ k3, 29) * 0x9E3779B97F4A7C15L;
        h ^= prefix;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
