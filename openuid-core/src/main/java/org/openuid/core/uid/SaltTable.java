package org.openuid.core.uid;

import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * All salt buckets of the salt snapshot in force, in file order, in compact form (primitive arrays and one
 * byte array of salt text) so that 1,048,576 buckets stay small. Immutable.
 *
 * <p>Layout (spec keys-and-data.md §6.2): bucket {@code i} has its id in an array (or none, when the ids are
 * consecutive, as in every real salt file), {@code lastUpdated} and {@code refreshFrom} side by side in one array (one
 * cache line for both); its current salt occupies {@code text[start[2i] .. start[2i+1])} and its previous salt
 * {@code text[start[2i+1] .. start[2i+2])} (empty = absent). Salt text is stored as its ASCII/UTF-8 bytes, except
 * that a salt which is the canonical 44-character standard Base64 form of 32 bytes (the shape of every real salt)
 * is stored as those 32 bytes and flagged in a bit set; it is re-encoded on access, so callers always see and hash
 * the original text. A packed <em>current</em> salt is not in {@code text} but at {@code current[32i .. 32i+32)}, so
 * that deriving a raw UID reads one cache line of salt instead of first looking up its position in {@code start}
 * (with a million buckets both arrays are far larger than the CPU caches, and each lookup is a cache miss). v4 key materials live in two nullable arrays that are only allocated when at least one bucket
 * carries one; equal consecutive key materials share one instance.
 */
public final class SaltTable {

    private final int size;
    /**
     * Bucket ids, or null when they are consecutive from {@link #firstId} (the shape of every real salt file).
     * Package-private, like the arrays below, for {@link SaltTableBuilder} and {@link SaltLayout}.
     */
    final int[] ids;
    final int firstId;
    /** Whether any bucket has a previous salt that is not packed (else {@link #start} need not be read for one). */
    final boolean unpackedPrevious;
    /** {@code lastUpdated} and {@code refreshFrom} of bucket i at 2i and 2i+1: one cache line for both. */
    final long[] times;
    final byte[] text;
    final int[] start;
    final long[] packed;
    /** Packed current salts at 32 bytes per bucket (null when no bucket has one). */
    final byte[] current;
    final KeyMaterial[] currentKeys;
    final KeyMaterial[] previousKeys;
    /** The chunks of a table made by {@link #lazy} (null for others); final, so no reader can miss it. */
    private final SaltChunks chunks;
    /**
     * Whether every chunk is decoded: reads skip {@link #chunks} once they see it. A reader that has not seen it yet
     * asks {@link #chunks}, which knows.
     */
    private volatile boolean decoded;

    SaltTable(int size, int[] ids, long[] times, byte[] text, int[] start,
              long[] packed, byte[] current, KeyMaterial[] currentKeys, KeyMaterial[] previousKeys) {
        this(size, consecutive(ids, size) ? null : ids, size == 0 ? 0 : ids[0], times, text, start, packed, current,
                currentKeys, previousKeys, unpackedPrevious(size, start, packed), null, null);
    }

    private SaltTable(int size, int[] ids, int firstId, long[] times, byte[] text, int[] start, long[] packed,
                      byte[] current, KeyMaterial[] currentKeys, KeyMaterial[] previousKeys, boolean unpackedPrevious,
                      SaltLayout layout, ChunkSource source) {
        this.size = size;
        this.ids = ids;
        this.firstId = firstId;
        this.times = times;
        this.text = text;
        this.start = start;
        this.packed = packed;
        this.current = current;
        this.currentKeys = currentKeys;
        this.previousKeys = previousKeys;
        this.unpackedPrevious = unpackedPrevious;
        this.chunks = layout == null || layout.chunks() == 0 ? null : new SaltChunks(this, layout, source);
        this.decoded = chunks == null;
    }

    private static boolean unpackedPrevious(int size, int[] start, long[] packed) {
        for (int i = 0; i < size; i++) {
            int slot = 2 * i + 1;
            if (start[slot + 1] > start[slot] && (packed == null || (packed[slot >>> 6] & (1L << slot)) == 0)) return true;
        }
        return false;
    }

    /**
     * A table whose buckets are decoded chunk by chunk as they are first read: {@code layout} says what each chunk
     * holds (so that the table is laid out exactly as one built eagerly from the same buckets), {@code source}
     * decodes a chunk into the table. Reading any bucket decodes its chunk first (one chunk at a time, under a
     * lock; a chunk that does not match its layout fails the read and is not used); {@link #decodeAll} decodes the
     * rest. Once every chunk is decoded, reads cost what they cost in an eagerly built table.
     */
    public static SaltTable lazy(SaltLayout layout, ChunkSource source) {
        int n = layout.size();
        long textBytes = layout.textBytes();
        if (textBytes > Integer.MAX_VALUE - 16) throw new IllegalStateException("salt text too large");
        int[] start = new int[2 * n + 1];
        start[2 * n] = (int) textBytes;
        SaltTable table = new SaltTable(n, layout.consecutiveIds() ? null : new int[n], layout.firstId(), new long[2 * n],
                new byte[(int) textBytes], start, layout.anyPacked() ? new long[(2 * n + 63) >>> 6] : null,
                layout.anyPackedCurrent() ? new byte[n * Base64Packing.BYTE_LENGTH] : null,
                layout.anyCurrentKey() ? new KeyMaterial[n] : null, layout.anyPreviousKey() ? new KeyMaterial[n] : null,
                layout.anyUnpackedPrevious(), layout, source);
        return table;
    }

    /** Decodes one chunk of a {@link #lazy} table into the table. */
    @FunctionalInterface
    public interface ChunkSource {
        /** Passes the buckets of chunk {@code chunk}, in order, to {@code into}. */
        void decode(int chunk, Builder into);
    }

    /** Decodes every chunk not decoded yet (a {@link #lazy} table; nothing to do for others). */
    public void decodeAll() {
        if (chunks != null && chunks.decodeAll()) decoded = true;
    }

    /** Whether every bucket is decoded (always, except for a {@link #lazy} table still decoding). */
    public boolean decoded() {
        return decoded || chunks == null || chunks.allDecoded();
    }

    public static SaltTable of(List<SaltBucket> buckets) {
        Builder builder = builder(buckets.size());
        for (SaltBucket b : buckets) {
            builder.add(b.id(), b.lastUpdated(), b.currentSalt(), b.refreshFrom(), b.previousSalt(),
                    b.currentKey(), b.previousKey());
        }
        return builder.build();
    }

    /** Streaming construction in file order, without one object per bucket. */
    public static Builder builder(int expectedSize) {
        return new SaltTableBuilder(expectedSize);
    }

    public interface Builder {
        /** Strings may be empty (blank = absent); key materials may be null. */
        Builder add(int id, long lastUpdated, String currentSalt, long refreshFrom, String previousSalt,
                    org.openuid.core.model.KeyMaterial currentKey, org.openuid.core.model.KeyMaterial previousKey);

        /**
         * Like {@link #add}, for salts already in packed form (a store's binary rows): when {@code currentAt >= 0}
         * the current salt is the canonical Base64 text of the 32 bytes {@code packed[currentAt .. currentAt+32)}
         * and {@code currentSalt} is not read; the same for {@code previousAt} and {@code previousSalt}.
         */
        default Builder addPacked(int id, long lastUpdated, byte[] packed, int currentAt, String currentSalt,
                                  long refreshFrom, int previousAt, String previousSalt,
                                  org.openuid.core.model.KeyMaterial currentKey,
                                  org.openuid.core.model.KeyMaterial previousKey) {
            return add(id, lastUpdated, currentAt >= 0 ? packedText(packed, currentAt) : currentSalt, refreshFrom,
                    previousAt >= 0 ? packedText(packed, previousAt) : previousSalt, currentKey, previousKey);
        }

        SaltTable build();
    }

    private static String packedText(byte[] packed, int at) {
        byte[] text = new byte[Base64Packing.TEXT_LENGTH];
        Base64Packing.encode(packed, at, text);
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    public int size() { return size; }

    /** Materialises bucket {@code index} (file order). */
    public SaltBucket bucket(int index) {
        checkIndex(index);
        return new SaltBucket(bucketId(index), lastUpdated(index), currentSalt(index), refreshFrom(index),
                previousSalt(index), currentKey(index), previousKey(index));
    }

    public int bucketId(int index) { checkIndex(index); return ids == null ? firstId + index : ids[index]; }

    public long lastUpdated(int index) { checkIndex(index); return times[2 * index]; }

    public long refreshFrom(int index) { checkIndex(index); return times[2 * index + 1]; }

    private static boolean consecutive(int[] ids, int size) {
        for (int i = 1; i < size; i++) if (ids[i] != ids[0] + i) return false;
        return true;
    }

    /** Current salt of bucket {@code index}; empty when the bucket uses v4 key material. */
    public String currentSalt(int index) {
        checkIndex(index);
        return string(2 * index);
    }

    /** Previous salt of bucket {@code index}; empty when absent. */
    public String previousSalt(int index) {
        checkIndex(index);
        return string(2 * index + 1);
    }

    /** Current v4 key material of bucket {@code index}, or null. */
    public KeyMaterial currentKey(int index) {
        checkIndex(index);
        return currentKeys == null ? null : currentKeys[index];
    }

    /** Previous v4 key material of bucket {@code index}, or null. */
    public KeyMaterial previousKey(int index) {
        checkIndex(index);
        return previousKeys == null ? null : previousKeys[index];
    }

    /** True when bucket {@code index} has a non-empty current salt (v2/v3 raw UIDs). */
    public boolean hasCurrentSalt(int index) {
        checkIndex(index);
        return isPacked(2 * index) || start[2 * index + 1] > start[2 * index];
    }

    /** True when bucket {@code index} has a non-empty previous salt. */
    public boolean hasPreviousSalt(int index) {
        checkIndex(index);
        if (isPacked(2 * index + 1)) return true;
        return unpackedPrevious && start[2 * index + 2] > start[2 * index + 1];
    }

    /**
     * Reads what deriving the raw UIDs of bucket {@code index} will read (its current salt, its times and, when the
     * bucket has a previous salt, where it is), so that a caller can touch the buckets of several
     * identities one after the other and let the CPU wait for their cache misses at the same time, instead of one
     * after the other inside each derivation. No effect on the table.
     *
     * @return a value derived from what was read (fold it into something the caller keeps, so the reads stay)
     */
    public int touch(int index) {
        checkIndex(index);
        int slot = 2 * index;
        long v = times[slot];
        if (current != null) v += current[index * Base64Packing.BYTE_LENGTH];
        if (unpackedPrevious || isPacked(slot + 1)) v += start[slot + 1];
        return (int) v;
    }

    /**
     * Writes the current ({@code previous} false) or previous salt text of bucket {@code index} into the scratch's
     * text buffer at {@code offset}, growing it when needed.
     *
     * @return its length
     */
    int putSaltText(int index, boolean previous, HashScratch scratch, int offset) {
        if (!decoded) decode(index);
        int slot = previous ? 2 * index + 1 : 2 * index;
        if (isPacked(slot)) {
            encodePacked(slot, scratch.room(offset + Base64Packing.TEXT_LENGTH), offset);
            return Base64Packing.TEXT_LENGTH;
        }
        int from = start[slot];
        int length = start[slot + 1] - from;
        System.arraycopy(text, from, scratch.room(offset + length), offset, length);
        return length;
    }

    /** The 44 characters of a packed salt: current salts from {@code current}, previous ones from {@code text}. */
    private void encodePacked(int slot, byte[] out, int outOffset) {
        if ((slot & 1) == 0) {
            Base64Packing.encode(current, (slot >>> 1) * Base64Packing.BYTE_LENGTH, out, outOffset);
        } else {
            Base64Packing.encode(text, start[slot], out, outOffset);
        }
    }

    private String string(int slot) {
        if (isPacked(slot)) {
            byte[] ascii = new byte[Base64Packing.TEXT_LENGTH];
            encodePacked(slot, ascii, 0);
            return new String(ascii, StandardCharsets.ISO_8859_1);
        }
        int from = start[slot];
        int to = start[slot + 1];
        if (from == to) {
            return "";
        }
        return new String(text, from, to - from, StandardCharsets.UTF_8);
    }

    private boolean isPacked(int slot) {
        return packed != null && (packed[slot >>> 6] & (1L << slot)) != 0;
    }

    /** Approximate retained heap of the arrays of this table, in bytes (excluding shared key material objects). */
    long approximateBytes() {
        long bytes = (ids == null ? 0 : 4L * ids.length) + 8L * times.length + text.length
                + 4L * start.length + (packed == null ? 0 : 8L * packed.length) + (current == null ? 0 : current.length);
        bytes += currentKeys == null ? 0 : 4L * currentKeys.length;
        bytes += previousKeys == null ? 0 : 4L * previousKeys.length;
        return bytes;
    }

    private void checkIndex(int index) {
        Objects.checkIndex(index, size);
        if (!decoded) decode(index);
    }

    private void decode(int index) {
        if (chunks == null || chunks.decode(index)) decoded = true;
    }
}
