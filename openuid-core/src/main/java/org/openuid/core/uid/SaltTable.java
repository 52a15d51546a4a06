package org.openuid.core.uid;

import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
    /** Bucket ids, or null when they are consecutive from {@link #firstId} (the shape of every real salt file). */
    private final int[] ids;
    private final int firstId;
    /** Whether any bucket has a previous salt that is not packed (else {@link #start} need not be read for one). */
    private final boolean unpackedPrevious;
    /** {@code lastUpdated} and {@code refreshFrom} of bucket i at 2i and 2i+1: one cache line for both. */
    private final long[] times;
    private final byte[] text;
    private final int[] start;
    private final long[] packed;
    /** Packed current salts at 32 bytes per bucket (null when no bucket has one). */
    private final byte[] current;
    private final KeyMaterial[] currentKeys;
    private final KeyMaterial[] previousKeys;

    private SaltTable(int size, int[] ids, long[] times, byte[] text, int[] start,
                      long[] packed, byte[] current, KeyMaterial[] currentKeys, KeyMaterial[] previousKeys) {
        this.size = size;
        this.ids = consecutive(ids, size) ? null : ids;
        this.firstId = size == 0 ? 0 : ids[0];
        this.times = times;
        this.text = text;
        this.start = start;
        this.packed = packed;
        this.current = current;
        this.currentKeys = currentKeys;
        this.previousKeys = previousKeys;
        boolean unpacked = false;
        for (int i = 0; i < size && !unpacked; i++) {
            int slot = 2 * i + 1;
            unpacked = start[slot + 1] > start[slot] && !isPacked(slot);
        }
        this.unpackedPrevious = unpacked;
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
        return new CompactBuilder(expectedSize);
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
    }

    private static final class CompactBuilder implements Builder {
        private static final int TYPICAL_SALT_BYTES = Base64Packing.BYTE_LENGTH;

        private int size;
        private int[] ids;
        private long[] times;
        private int[] start;
        private long[] packed;
        private byte[] current;
        private byte[] text;
        private int textLength;
        private KeyMaterial[] currentKeys;
        private KeyMaterial[] previousKeys;
        private KeyMaterial lastKey;
        private boolean built;

        CompactBuilder(int expectedSize) {
            int capacity = Math.max(expectedSize, 4);
            ids = new int[capacity];
            times = new long[2 * capacity];
            start = new int[2 * capacity + 1];
            packed = new long[(2 * capacity + 63) >>> 6];
            // packed current salts go to `current`; `text` holds previous salts and salts that do not pack, and grows as
            // they come (a fresh store has none)
            text = new byte[64];
        }

        @Override
        public Builder add(int id, long lastUpdatedMs, String currentSalt, long refreshFromMs, String previousSalt,
                           KeyMaterial currentKey, KeyMaterial previousKey) {
            return addPacked(id, lastUpdatedMs, null, -1, currentSalt, refreshFromMs, -1, previousSalt,
                    currentKey, previousKey);
        }

        @Override
        public Builder addPacked(int id, long lastUpdatedMs, byte[] packedSalts, int currentAt, String currentSalt,
                                 long refreshFromMs, int previousAt, String previousSalt,
                                 KeyMaterial currentKey, KeyMaterial previousKey) {
            if (built) {
                throw new IllegalStateException("SaltTable already built");
            }
            if (size == ids.length) {
                grow();
            }
            int i = size;
            ids[i] = id;
            times[2 * i] = lastUpdatedMs;
            times[2 * i + 1] = refreshFromMs;
            start[2 * i] = textLength;
            if (currentAt >= 0) appendPacked(2 * i, packedSalts, currentAt);
            else appendTrimmed(2 * i, currentSalt);
            start[2 * i + 1] = textLength;
            if (previousAt >= 0) appendPacked(2 * i + 1, packedSalts, previousAt);
            else appendTrimmed(2 * i + 1, previousSalt);
            start[2 * i + 2] = textLength;
            if (currentKey != null) {
                if (currentKeys == null) {
                    currentKeys = new KeyMaterial[ids.length];
                }
                currentKeys[i] = share(currentKey);
            }
            if (previousKey != null) {
                if (previousKeys == null) {
                    previousKeys = new KeyMaterial[ids.length];
                }
                previousKeys[i] = share(previousKey);
            }
            size++;
            return this;
        }

        @Override
        public SaltTable build() {
            if (built) {
                throw new IllegalStateException("SaltTable already built");
            }
            built = true;
            int n = size;
            SaltTable table = new SaltTable(n, trim(ids, n), trim(times, 2 * n),
                    textLength == text.length ? text : Arrays.copyOf(text, textLength),
                    start.length == 2 * n + 1 ? start : Arrays.copyOf(start, 2 * n + 1),
                    trimPacked(n),
                    current == null || current.length == n * TYPICAL_SALT_BYTES ? current : Arrays.copyOf(current, n * TYPICAL_SALT_BYTES),
                    currentKeys == null ? null : trim(currentKeys, n),
                    previousKeys == null ? null : trim(previousKeys, n));
            ids = null;
            times = null;
            start = null;
            packed = null;
            current = null;
            text = null;
            currentKeys = null;
            previousKeys = null;
            return table;
        }

        private KeyMaterial share(KeyMaterial key) {
            if (key.equals(lastKey)) {
                return lastKey;
            }
            lastKey = key;
            return key;
        }

        private long[] trimPacked(int n) {
            int words = (2 * n + 63) >>> 6;
            for (long word : packed) {
                if (word != 0) {
                    return packed.length == words ? packed : Arrays.copyOf(packed, words);
                }
            }
            return null;
        }

        /** Stores the 32 bytes of a canonical Base64 salt as they are (what {@link #appendTrimmed} decodes to). */
        private void appendPacked(int slot, byte[] src, int at) {
            boolean isCurrent = (slot & 1) == 0;
            if (isCurrent && current == null) current = new byte[ids.length * TYPICAL_SALT_BYTES];
            if (!isCurrent) ensureText(Base64Packing.BYTE_LENGTH);
            byte[] into = isCurrent ? current : text;
            int to = isCurrent ? (slot >>> 1) * Base64Packing.BYTE_LENGTH : textLength;
            System.arraycopy(src, at, into, to, Base64Packing.BYTE_LENGTH);
            if (!isCurrent) textLength += Base64Packing.BYTE_LENGTH;
            packed[slot >>> 6] |= 1L << slot;
        }

        private void appendTrimmed(int slot, String s) {
            if (s == null || s.isEmpty()) {
                return;
            }
            int from = 0;
            int to = s.length();
            while (from < to && s.charAt(from) <= ' ') from++;
            while (to > from && s.charAt(to - 1) <= ' ') to--;
            if (from == to) {
                return;
            }
            boolean ascii = true;
            for (int k = from; k < to; k++) {
                if (s.charAt(k) >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (ascii && to - from == Base64Packing.TEXT_LENGTH) {
                boolean isCurrent = (slot & 1) == 0;
                if (isCurrent && current == null) current = new byte[ids.length * TYPICAL_SALT_BYTES];
                if (!isCurrent) ensureText(Base64Packing.BYTE_LENGTH);
                byte[] into = isCurrent ? current : text;
                int at = isCurrent ? (slot >>> 1) * Base64Packing.BYTE_LENGTH : textLength;
                if (Base64Packing.decode(s, from, into, at)) {
                    if (!isCurrent) textLength += Base64Packing.BYTE_LENGTH;
                    packed[slot >>> 6] |= 1L << slot;
                    return;
                }
            }
            if (ascii) {
                ensureText(to - from);
                for (int k = from; k < to; k++) {
                    text[textLength++] = (byte) s.charAt(k);
                }
            } else {
                byte[] utf8 = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
                ensureText(utf8.length);
                System.arraycopy(utf8, 0, text, textLength, utf8.length);
                textLength += utf8.length;
            }
        }

        private void ensureText(int extra) {
            long needed = (long) textLength + extra;
            if (needed <= text.length) {
                return;
            }
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("salt text too large");
            }
            long grown = Math.max(needed, text.length + (text.length >> 1));
            text = Arrays.copyOf(text, (int) Math.min(grown, Integer.MAX_VALUE - 16L));
        }

        private void grow() {
            int capacity = ids.length + (ids.length >> 1) + 1;
            ids = Arrays.copyOf(ids, capacity);
            times = Arrays.copyOf(times, 2 * capacity);
            start = Arrays.copyOf(start, 2 * capacity + 1);
            packed = Arrays.copyOf(packed, (2 * capacity + 63) >>> 6);
            if (current != null) current = Arrays.copyOf(current, capacity * TYPICAL_SALT_BYTES);
            if (currentKeys != null) currentKeys = Arrays.copyOf(currentKeys, capacity);
            if (previousKeys != null) previousKeys = Arrays.copyOf(previousKeys, capacity);
        }

        private static int[] trim(int[] a, int n) { return a.length == n ? a : Arrays.copyOf(a, n); }

        private static long[] trim(long[] a, int n) { return a.length == n ? a : Arrays.copyOf(a, n); }

        private static KeyMaterial[] trim(KeyMaterial[] a, int n) { return a.length == n ? a : Arrays.copyOf(a, n); }
    }
}
