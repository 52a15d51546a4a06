package org.openuid.server.state;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.security.SecureRandom;

/**
 * An open-addressing hash map from a 32-byte key with a prefix code (for 33-byte raw UIDs, see {@link #prefixCode})
 * to an unsigned 32-bit timestamp in epoch seconds, keeping the earliest time per key. Built for tens of millions of
 * entries without one object per entry, and without keeping the keys themselves: an entry holds a 128-bit keyed
 * fingerprint of its key.
 *
 * <ul>
 *   <li><b>Entries</b> live in fixed-size pages that are allocated as the table grows and never move: per entry
 *   two {@code long}s of fingerprint and one {@code int} of time. Entry {@code n} is page {@code n >>> PAGE_BITS}.</li>
 *   <li><b>Slots</b> are one {@code int[]} (power-of-two length, linear probing) holding entry number + 1, 0 for an
 *   empty slot. A key's first slot is taken from the low bits of the first fingerprint word. At a load above
 *   {@value #MAX_LOAD_PERCENT}% the writer builds a slot array twice the size from the fingerprints in the pages and
 *   publishes it; entries are not copied.</li>
 * </ul>
 *
 * <p><b>Fingerprints instead of keys.</b> What is fingerprinted is a 36-byte message: the key's four words
 * (little-endian, as read from the key's bytes) followed by its prefix code as four little-endian bytes. The
 * fingerprint is two SipHash-1-3 outputs of that message under two independent 128-bit keys drawn from a
 * {@link SecureRandom} when the table is built (never stored, logged or sent anywhere, and new at every start). An
 * entry stores both outputs, and a lookup matches an entry only when both are equal (it computes the second only
 * when the first matches). Every byte of the key takes part, including the prefix, so keys whose entropy sits in
 * some bytes only (a v4 raw UID: prefix byte and the next three bytes are metadata and a key id, the rest AES- and
 * SHA-256-derived) are as well separated as uniformly random ones. The prefix code is part of the message rather
 * than stored beside the fingerprint, as it was beside the key: that saves two bytes per raw-UID entry and leaves
 * one layout for both tables. Why this is safe:
 *
 * <ul>
 *   <li><b>Chance.</b> For keys nobody chose to collide, the fingerprint behaves as a random 128-bit value, so a
 *   lookup of a key that is not in a table of {@code n} entries matches one of them with probability about
 *   {@code n / 2^128}, and two of {@code n} inserted keys share a fingerprint with probability about
 *   {@code n^2 / 2^129}. With 10^9 opt-outs that is about 3·10^-30 per lookup and 1.5·10^-21 for the whole table,
 *   negligible beside undetected hardware memory errors. Such a collision would make the two keys one entry with the
 *   earlier of their times (a false opt-out of a key that never opted out, or an earlier time for one that did).</li>
 *   <li><b>Chosen keys.</b> Most keys are SHA-256 outputs under secret salts, which nobody outside the operator can
 *   pick, but raw-UID-only opt-outs (bulk import) carry whatever bytes the file holds, and {@code /v2/optout/status}
 *   looks up any raw UID a caller sends. The harm would be a chosen key that collides with someone else's: an
 *   imported record that makes another user's raw UID look opted out, or a lookup answered with another key's
 *   opt-out. For a fixed, public fingerprint function the generic cost of such a collision is about 2^128 / n
 *   evaluations, done offline, but nothing about a fast mixing function is proven, and fast non-cryptographic hashes
 *   have turned out to have key-independent differentials that make collisions cheap (MurmurHash3 and CityHash had
 *   seed-independent ones). Under a secret random key SipHash is a pseudorandom function: without the key its
 *   outputs can neither be computed nor predicted, so there is nothing to search offline. Online, all a party
 *   learns is whether a lookup matched, and a chosen key matches a given entry with probability 2^-128 however it is
 *   chosen, so a collision with any of {@code n} entries costs about 2^128 / n attempts against a running node, and
 *   a restart draws new keys. The 1-3 round variant is the one CPython (3.11 and later) and Rust's standard hash
 *   maps use against adversarial keys. Two 64-bit outputs under independent keys rather than SipHash's 128-bit
 *   mode let a miss, the common case, cost one hash.</li>
 *   <li><b>Probe chains.</b> Slot positions come from the keyed fingerprint too, so nobody can choose keys that pile
 *   up in one probe chain. Timing could reveal something about the low bits of the first output for chosen keys;
 *   the second output, under its own key, is never used for placement.</li>
 * </ul>
 *
 * <p>The fingerprint keys are per table and per process: fingerprints are never stored or compared across
 * processes (each node builds its index from the store's records at start), so nothing needs a stable key. Nothing
 * can list the keys of a table, only look them up; callers that need the records read them from the store.
 *
 * <p><b>Memory model (one writer, any number of readers, no locks on the read path).</b> Only one thread may call
 * {@link #putEarliest} at a time (callers serialise; {@link OptOutIndex} holds a lock). The writer fills an entry's
 * fingerprint and time with plain writes, stores the page references first if the page is new, and only then
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

    /** Length of the fingerprinted message: four key words and the prefix code as four bytes. */
    static final int MESSAGE_BYTES = 36;

    private static final SecureRandom KEY_SOURCE = new SecureRandom();
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle TIME = MethodHandles.arrayElementVarHandle(int[].class);

    /** SipHash key of the first fingerprint word (also the slot position). */
    private final long key0a;
    private final long key0b;
    /** SipHash key of the second fingerprint word, independent of the first. */
    private final long key1a;
    private final long key1b;
    /** Two {@code long}s per entry: the fingerprint's first word, then its second. */
    private final long[][] fingerprintPages = new long[MAX_PAGES][];
    private final int[][] timePages = new int[MAX_PAGES][];
    private volatile int[] slots = new int[INITIAL_SLOTS];
    private volatile int size;

    /** A table with fingerprint keys fresh from a {@link SecureRandom}. */
    TimestampTable() {
        this(KEY_SOURCE.nextLong(), KEY_SOURCE.nextLong(), KEY_SOURCE.nextLong(), KEY_SOURCE.nextLong());
    }

    /** A table with these fingerprint keys (tests only: a known key gives up the protection against chosen keys). */
    TimestampTable(long key0a, long key0b, long key1a, long key1b) {
        this.key0a = key0a;
        this.key0b = key0b;
        this.key1a = key1a;
        this.key1b = key1b;
    }

    /**
     * Prefix code of a key: {@code 0x100 | prefix} when it has one, 0 otherwise. It is part of the fingerprinted
     * message, so a 33-byte raw UID and its last 32 bytes, or two raw UIDs differing in the prefix only, are
     * different keys.
     */
    static int prefixCode(boolean hasPrefix, byte prefix) {
        return hasPrefix ? 0x100 | (prefix & 0xFF) : 0;
    }

    /** Number of distinct keys (distinct fingerprints, which is the same for any real number of keys). */
    int size() { return size; }

    /** Bytes of heap held by the pages and the slot array (array headers and the page directories excluded). */
    long heapBytes() {
        long pages = (size + (long) PAGE_SIZE - 1) / PAGE_SIZE;
        long perEntry = 2L * Long.BYTES + Integer.BYTES;
        return pages * PAGE_SIZE * perEntry + (long) slots.length * Integer.BYTES;
    }

    /** @return the unsigned time of this key, or -1 when absent */
    long get(long k0, long k1, long k2, long k3, int prefix) {
        long f0 = fingerprint0(k0, k1, k2, k3, prefix);
        int[] s = slots;
        int mask = s.length - 1;
        for (int i = (int) f0 & mask; ; i = (i + 1) & mask) {
            int slot = (int) SLOT.getAcquire(s, i);
            if (slot == 0) return -1;
            int e = slot - 1;
            long[] fingerprints = fingerprintPages[e >>> PAGE_BITS];
            int at = (e & PAGE_MASK) * 2;
            // the second word only when the first matches: a miss costs one hash
            if (fingerprints[at] == f0 && fingerprints[at + 1] == fingerprint1(k0, k1, k2, k3, prefix)) {
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
        long f0 = fingerprint0(k0, k1, k2, k3, prefix);
        long f1 = fingerprint1(k0, k1, k2, k3, prefix);
        int[] s = slots;
        int mask = s.length - 1;
        int i = (int) f0 & mask;
        for (; ; i = (i + 1) & mask) {
            int slot = s[i];
            if (slot == 0) break;
            int e = slot - 1;
            long[] fingerprints = fingerprintPages[e >>> PAGE_BITS];
            int at = (e & PAGE_MASK) * 2;
            if (fingerprints[at] == f0 && fingerprints[at + 1] == f1) {
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
            i = (int) f0 & mask;
            while (s[i] != 0) i = (i + 1) & mask;
        }
        int page = e >>> PAGE_BITS;
        int at = e & PAGE_MASK;
        if (fingerprintPages[page] == null) {
            fingerprintPages[page] = new long[PAGE_SIZE * 2];
            timePages[page] = new int[PAGE_SIZE];
        }
        long[] fingerprints = fingerprintPages[page];
        fingerprints[at * 2] = f0;
        fingerprints[at * 2 + 1] = f1;
        timePages[page][at] = seconds;
        SLOT.setRelease(s, i, e + 1);
        size = e + 1;
        return true;
    }

    /** Builds and publishes a slot array of twice the length holding every entry, placed by its stored fingerprint. */
    private int[] grow(int[] old) {
        int[] bigger = new int[old.length * 2];
        int mask = bigger.length - 1;
        for (int e = 0; e < size; e++) {
            int i = (int) fingerprintPages[e >>> PAGE_BITS][(e & PAGE_MASK) * 2] & mask;
            while (bigger[i] != 0) i = (i + 1) & mask;
            bigger[i] = e + 1;
        }
        slots = bigger;
        return bigger;
    }

    /** First word of the key's fingerprint; its low bits are the key's first slot. */
    long fingerprint0(long k0, long k1, long k2, long k3, int prefix) {
        return sipHash13(key0a, key0b, k0, k1, k2, k3, prefix);
    }

    /** Second word of the key's fingerprint, under an independent key. */
    long fingerprint1(long k0, long k1, long k2, long k3, int prefix) {
        return sipHash13(key1a, key1b, k0, k1, k2, k3, prefix);
    }

    /**
     * SipHash-1-3 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012; one round per message block,
     * three to finish) with the 128-bit key {@code key0 ‖ key1} (little-endian words) of the
     * {@value #MESSAGE_BYTES}-byte message {@code m0 ‖ m1 ‖ m2 ‖ m3 ‖ tail} (each word little-endian, the tail as
     * four bytes). Written for that one length, as one loop of eight rounds: rounds 0 to 3 absorb the four words,
     * round 4 the last block (the tail and the message length), rounds 5 to 7 are the finalization, where the block
     * is 0.
     */
    static long sipHash13(long key0, long key1, long m0, long m1, long m2, long m3, int tail) {
        long v0 = key0 ^ 0x736f6d6570736575L;
        long v1 = key1 ^ 0x646f72616e646f6dL;
        long v2 = key0 ^ 0x6c7967656e657261L;
        long v3 = key1 ^ 0x7465646279746573L;
        long last = (tail & 0xFFFF_FFFFL) | ((long) MESSAGE_BYTES << 56);
        long m = m0;
        for (int round = 0; round < 8; round++) {
            if (round == 5) v2 ^= 0xFF;
            v3 ^= m;
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            v0 ^= m;
            m = m1;
            m1 = m2;
            m2 = m3;
            m3 = last;
            last = 0;
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
