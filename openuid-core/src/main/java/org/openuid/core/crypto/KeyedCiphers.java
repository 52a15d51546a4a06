package org.openuid.core.crypto;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One thread's ciphers of one transformation, one instance per recently used key. A JDK cipher re-initialised with
 * the key it used last keeps that key's AES key schedule, while one shared instance that alternates between keys
 * (a request touches the client secret, the master, site and refresh keys) recomputes it on every operation, which
 * costs more than encrypting a token. Not thread-safe: one instance per thread.
 *
 * <p><b>Admission.</b> A key gets a cached instance from its second use on; its first use runs on a shared one-off
 * instance. Single-use keys (refresh response keys, client-side generate shared secrets) therefore never evict the
 * operator's own keys. At most {@value #CAPACITY} keys are cached; the least recently used one is evicted and its copy
 * zeroed.
 *
 * <p><b>Secrets.</b> A key is found first by the identity of the caller's array (the snapshot hands out the same array
 * for the same key; the content is still compared, so a changed array is not mistaken for the cached key), else by a
 * keyed fingerprint (random per instance) and a constant-time comparison, so the lookup's timing does not depend on
 * how much of an unknown key matches a cached one.
 */
final class KeyedCiphers {
    static final int CAPACITY = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SEEN = 64;

    /** A cipher with the key it is used with. */
    static final class Entry {
        private Cipher cipher;
        private SecretKeySpec keySpec;
        private byte[] key;
        /** The caller's array this entry was last found with (callers pass the same array for the same key). */
        private byte[] lastArray;
        private int fingerprint;
        private long lastUse;

        Cipher cipher() { return cipher; }

        SecretKeySpec keySpec() { return keySpec; }
    }

    private final Supplier<Cipher> factory;
    private final Entry[] entries = new Entry[CAPACITY];
    private final int[] fingerprints = new int[CAPACITY];
    private int size;
    private final int[] seen = new int[SEEN];
    private int seenNext;
    private final Entry oneOff = new Entry();
    private final long seed0;
    private final long seed1;
    private long clock;

    KeyedCiphers(Supplier<Cipher> factory) {
        this.factory = factory;
        SecureRandom random = new SecureRandom();
        this.seed0 = random.nextLong() | 1;
        this.seed1 = random.nextLong() | 1;
    }

    /** The entry to use for {@code key} (32 bytes): its own cached cipher, or the one-off cipher on a first use. */
    Entry forKey(byte[] key) {
        clock++;
        for (int i = 0; i < size; i++) {
            Entry e = entries[i];
            if (e.lastArray == key && Arrays.equals(e.key, key)) {
                e.lastUse = clock;
                return e;
            }
        }
        int f = fingerprint(key);
        for (int i = 0; i < size; i++) {
            if (fingerprints[i] == f && MessageDigest.isEqual(entries[i].key, key)) {
                entries[i].lastUse = clock;
                entries[i].lastArray = key;
                return entries[i];
            }
        }
        for (int i = 0; i < SEEN; i++) {
            if (seen[i] == f) {
                seen[i] = 0;
                return admit(key, f);
            }
        }
        seen[seenNext] = f;
        seenNext = (seenNext + 1) % SEEN;
        if (oneOff.cipher == null) oneOff.cipher = factory.get();
        oneOff.keySpec = new SecretKeySpec(key, "AES");
        return oneOff;
    }

    /** Gives {@code entry} a fresh cipher instance (after the JDK refused to reuse one) and returns it. */
    Cipher replace(Entry entry) {
        entry.cipher = factory.get();
        return entry.cipher;
    }

    /** Number of keys with a cached cipher. */
    int size() { return size; }

    private Entry admit(byte[] key, int f) {
        Entry e;
        int at;
        if (size < CAPACITY) {
            e = new Entry();
            e.cipher = factory.get();
            at = size++;
        } else {
            at = 0;
            for (int i = 1; i < CAPACITY; i++) if (entries[i].lastUse < entries[at].lastUse) at = i;
            e = entries[at];
            Arrays.fill(e.key, (byte) 0);
        }
        e.key = key.clone();
        e.lastArray = key;
        e.keySpec = new SecretKeySpec(key, "AES");
        e.fingerprint = f;
        e.lastUse = clock;
        entries[at] = e;
        fingerprints[at] = f;
        return e;
    }

    /** A per-instance keyed mix of the key bytes; never 0, so 0 marks an empty "seen" slot. */
    private int fingerprint(byte[] key) {
        long h = seed0;
        int words = key.length >>> 3;
        for (int i = 0; i < words; i++) h = Long.rotateLeft((h ^ (long) LONGS.get(key, i << 3)) * seed1, 29);
        for (int i = words << 3; i < key.length; i++) h = (h ^ (key[i] & 0xFF)) * seed1;
        h ^= h >>> 32;
        int f = (int) h;
        return f == 0 ? 1 : f;
    }
}
