package org.openuid.core.uid;

import org.openuid.core.model.KeyMaterial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a {@link SaltTable} in file order. Two modes: a growing builder that makes a new table ({@link #build}), and
 * a fixed one that writes one chunk of buckets into the arrays of a table created from a {@link SaltLayout} (at the
 * chunk's bucket and text positions, which the layout gives). The fixed mode checks that the chunk is what the layout
 * said (bucket count, text bytes, ids, which arrays it needs) and fails otherwise: a table never holds a bucket
 * written anywhere but where the eagerly built table would have it.
 */
final class SaltTableBuilder implements SaltTable.Builder {
    private static final int TYPICAL_SALT_BYTES = Base64Packing.BYTE_LENGTH;

    /** The table written into (fixed mode), else null. */
    private final SaltTable into;
    private final int limit;
    private final int textLimit;
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
    private final byte[] probe = new byte[Base64Packing.BYTE_LENGTH];
    private boolean built;

    SaltTableBuilder(int expectedSize) {
        int capacity = Math.max(expectedSize, 4);
        into = null;
        limit = Integer.MAX_VALUE;
        textLimit = Integer.MAX_VALUE;
        ids = new int[capacity];
        times = new long[2 * capacity];
        start = new int[2 * capacity + 1];
        packed = new long[(2 * capacity + 63) >>> 6];
        // packed current salts go to `current`; `text` holds previous salts and salts that do not pack, and grows as
        // they come (a fresh store has none)
        text = new byte[64];
    }

    /** Writes buckets {@code [from, to)} of {@code table}, whose text is {@code [textFrom, textTo)}. */
    SaltTableBuilder(SaltTable table, int from, int to, int textFrom, int textTo) {
        into = table;
        limit = to;
        textLimit = textTo;
        size = from;
        textLength = textFrom;
        ids = table.ids;
        times = table.times;
        start = table.start;
        packed = table.packed;
        current = table.current;
        text = table.text;
        currentKeys = table.currentKeys;
        previousKeys = table.previousKeys;
    }

    @Override
    public SaltTable.Builder add(int id, long lastUpdatedMs, String currentSalt, long refreshFromMs, String previousSalt,
                                 KeyMaterial currentKey, KeyMaterial previousKey) {
        return addPacked(id, lastUpdatedMs, null, -1, currentSalt, refreshFromMs, -1, previousSalt,
                currentKey, previousKey);
    }

    @Override
    public SaltTable.Builder addPacked(int id, long lastUpdatedMs, byte[] packedSalts, int currentAt, String currentSalt,
                                       long refreshFromMs, int previousAt, String previousSalt,
                                       KeyMaterial currentKey, KeyMaterial previousKey) {
        if (built) {
            throw new IllegalStateException("SaltTable already built");
        }
        int i = size;
        if (into == null) {
            if (i == ids.length) grow();
            ids[i] = id;
        } else {
            if (i == limit) throw mismatch("more buckets");
            if (ids != null) ids[i] = id;
            else if (id != into.firstId + i) throw mismatch("a bucket id out of sequence");
        }
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
                if (into != null) throw mismatch("a key material");
                currentKeys = new KeyMaterial[ids.length];
            }
            currentKeys[i] = share(currentKey);
        }
        if (previousKey != null) {
            if (previousKeys == null) {
                if (into != null) throw mismatch("a key material");
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
        if (into != null) {
            if (size != limit) throw mismatch("fewer buckets");
            if (textLength != textLimit) throw mismatch("less salt text");
            return into;
        }
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

    private IllegalStateException mismatch(String what) {
        return new IllegalStateException("salt bucket chunk does not match its layout (" + what + ")");
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

    private void markPacked(int slot) {
        if (packed == null) throw mismatch("a packed salt");
        packed[slot >>> 6] |= 1L << slot;
    }

    private byte[] currentSalts() {
        if (current == null) {
            if (into != null) throw mismatch("a packed current salt");
            current = new byte[ids.length * TYPICAL_SALT_BYTES];
        }
        return current;
    }

    /** Stores the 32 bytes of a canonical Base64 salt as they are (what {@link #appendTrimmed} decodes to). */
    private void appendPacked(int slot, byte[] src, int at) {
        boolean isCurrent = (slot & 1) == 0;
        if (!isCurrent) ensureText(Base64Packing.BYTE_LENGTH);
        byte[] to = isCurrent ? currentSalts() : text;
        int offset = isCurrent ? (slot >>> 1) * Base64Packing.BYTE_LENGTH : textLength;
        markPacked(slot);
        System.arraycopy(src, at, to, offset, Base64Packing.BYTE_LENGTH);
        if (!isCurrent) textLength += Base64Packing.BYTE_LENGTH;
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
        boolean isCurrent = (slot & 1) == 0;
        if (ascii && to - from == Base64Packing.TEXT_LENGTH && Base64Packing.decode(s, from, probe, 0)) {
            if (!isCurrent) ensureText(Base64Packing.BYTE_LENGTH);
            byte[] into = isCurrent ? currentSalts() : text;
            int at = isCurrent ? (slot >>> 1) * Base64Packing.BYTE_LENGTH : textLength;
            markPacked(slot);
            System.arraycopy(probe, 0, into, at, Base64Packing.BYTE_LENGTH);
            if (!isCurrent) textLength += Base64Packing.BYTE_LENGTH;
            return;
        }
        if (!isCurrent && this.into != null && !this.into.unpackedPrevious) throw mismatch("a previous salt that does not pack");
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
        if (into != null) {
            if (needed > textLimit) throw mismatch("more salt text");
            return;
        }
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
