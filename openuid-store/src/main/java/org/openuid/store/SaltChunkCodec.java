package org.openuid.store;

import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.uid.Base64Packing;
import org.openuid.core.uid.SaltTable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Binary form of a run of consecutive salt buckets, stored as one database row per chunk.
 *
 * <p>Up to 1,048,576 buckets are kept per deployment; one row per bucket made writing them take over 10 s and
 * reading them about 4 s in embedded H2, so buckets are packed {@value #BUCKETS_PER_CHUNK} at a time. Layout
 * (big-endian): a format byte ({@value #FORMAT}), the bucket count (int), then per bucket: id (int),
 * lastUpdated (long), refreshFrom (long), a flags byte (bit 0: current key material, bit 1: previous key
 * material), current salt, previous salt, then the present key materials as id (int), key, salt.
 *
 * <p>Every string starts with a tag byte: 0 = empty, 1 = the canonical 44-character standard Base64 text of
 * 32 bytes stored as those 32 bytes (the shape of every generated salt), 2 = UTF-8 bytes preceded by their length
 * as an unsigned varint. Decoding gives back exactly the encoded text.
 */
final class SaltChunkCodec {

    static final int BUCKETS_PER_CHUNK = 4096;
    static final byte FORMAT = 1;

    private static final int TAG_EMPTY = 0;
    private static final int TAG_BASE64_32 = 1;
    private static final int TAG_UTF8 = 2;
    private static final int FLAG_CURRENT_KEY = 1;
    private static final int FLAG_PREVIOUS_KEY = 2;


    /** Receives decoded buckets in order. */
    @FunctionalInterface
    interface BucketSink {
        void add(int id, long lastUpdated, String currentSalt, long refreshFrom, String previousSalt,
                 KeyMaterial currentKey, KeyMaterial previousKey);
    }

    private SaltChunkCodec() {}

    /** Encodes {@code buckets} (at most a chunk's worth). */
    static byte[] encode(List<SaltBucket> buckets) {
        Writer w = new Writer(64 + buckets.size() * 64);
        w.put(FORMAT);
        w.putInt(buckets.size());
        for (SaltBucket b : buckets) {
            w.putInt(b.id());
            w.putLong(b.lastUpdated());
            w.putLong(b.refreshFrom());
            w.put((b.currentKey() != null ? FLAG_CURRENT_KEY : 0) | (b.previousKey() != null ? FLAG_PREVIOUS_KEY : 0));
            w.putText(b.currentSalt());
            w.putText(b.previousSalt());
            if (b.currentKey() != null) w.putKey(b.currentKey());
            if (b.previousKey() != null) w.putKey(b.previousKey());
        }
        return w.toByteArray();
    }

    /** Number of buckets in an encoded chunk. */
    static int count(byte[] chunk) {
        ByteBuffer in = ByteBuffer.wrap(chunk);
        checkFormat(in);
        return in.getInt();
    }

    /** Decodes a chunk, passing each bucket to {@code sink} in order, with every salt as its text. */
    static void decode(byte[] chunk, BucketSink sink) {
        decodeInto(chunk, new SaltTable.Builder() {
            @Override
            public SaltTable.Builder add(int id, long lastUpdated, String currentSalt, long refreshFrom,
                                         String previousSalt, KeyMaterial currentKey, KeyMaterial previousKey) {
                sink.add(id, lastUpdated, currentSalt, refreshFrom, previousSalt, currentKey, previousKey);
                return this;
            }

            @Override
            public SaltTable build() {
                throw new UnsupportedOperationException("a decoding sink builds no table");
            }
        });
    }

    /**
     * Decodes a chunk into {@code table}, handing packed salts over as their 32 bytes (no text is built for them):
     * what start-up does for a million buckets.
     */
    static void decodeInto(byte[] chunk, SaltTable.Builder table) {
        ByteBuffer in = ByteBuffer.wrap(chunk);
        checkFormat(in);
        int n = in.getInt();
        byte[] scratch = new byte[44];
        for (int i = 0; i < n; i++) {
            int id = in.getInt();
            long lastUpdated = in.getLong();
            long refreshFrom = in.getLong();
            int flags = in.get();
            int currentAt = packedAt(in);
            String current = currentAt >= 0 ? null : readText(in, scratch);
            int previousAt = packedAt(in);
            String previous = previousAt >= 0 ? null : readText(in, scratch);
            KeyMaterial currentKey = (flags & FLAG_CURRENT_KEY) != 0 ? readKey(in, scratch) : null;
            KeyMaterial previousKey = (flags & FLAG_PREVIOUS_KEY) != 0 ? readKey(in, scratch) : null;
            table.addPacked(id, lastUpdated, chunk, currentAt, current, refreshFrom, previousAt, previous,
                    currentKey, previousKey);
        }
        if (in.hasRemaining()) throw new IllegalStateException("salt bucket chunk has trailing bytes");
    }

    /** If the next string is a packed salt, skips it and returns where its 32 bytes are; otherwise -1, unmoved. */
    private static int packedAt(ByteBuffer in) {
        int p = in.position();
        if (in.get(p) != TAG_BASE64_32) return -1;
        if (in.remaining() < 33) throw new java.nio.BufferUnderflowException();
        in.position(p + 33);
        return p + 1;
    }

    private static void checkFormat(ByteBuffer in) {
        byte format = in.get();
        if (format != FORMAT) throw new IllegalStateException("unsupported salt bucket chunk format " + format);
    }

    private static KeyMaterial readKey(ByteBuffer in, byte[] scratch) {
        int id = in.getInt();
        String key = readText(in, scratch);
        String salt = readText(in, scratch);
        return new KeyMaterial(id, key, salt);
    }

    private static String readText(ByteBuffer in, byte[] scratch) {
        int tag = in.get();
        switch (tag) {
            case TAG_EMPTY:
                return "";
            case TAG_BASE64_32: {
                int p = in.position();
                Base64Packing.encode(in.array(), in.arrayOffset() + p, scratch);
                in.position(p + 32);
                return new String(scratch, 0, 44, StandardCharsets.ISO_8859_1);
            }
            case TAG_UTF8: {
                int len = readVarint(in);
                int p = in.position();
                String s = new String(in.array(), in.arrayOffset() + p, len, StandardCharsets.UTF_8);
                in.position(p + len);
                return s;
            }
            default:
                throw new IllegalStateException("corrupt salt bucket chunk (string tag " + tag + ")");
        }
    }

    private static int readVarint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.get() & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new IllegalStateException("corrupt salt bucket chunk (length)");
    }

    /** Growable big-endian output buffer. */
    private static final class Writer {
        private byte[] buf;
        private int len;

        Writer(int capacity) { buf = new byte[capacity]; }

        void put(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void putInt(int v) {
            ensure(4);
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }

        void putKey(KeyMaterial k) {
            putInt(k.id());
            putText(k.key());
            putText(k.salt());
        }

        void putText(String s) {
            if (s == null || s.isEmpty()) {
                put(TAG_EMPTY);
                return;
            }
            if (s.length() == 44) {
                ensure(33);
                if (Base64Packing.decode(s, 0, buf, len + 1)) {
                    buf[len] = TAG_BASE64_32;
                    len += 33;
                    return;
                }
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            put(TAG_UTF8);
            int v = utf8.length;
            while ((v & ~0x7F) != 0) {
                put((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            put(v);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, len, utf8.length);
            len += utf8.length;
        }

        private void ensure(int extra) {
            if (len + extra > buf.length) buf = Arrays.copyOf(buf, Math.max(len + extra, buf.length * 2));
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, len);
        }
    }
}
