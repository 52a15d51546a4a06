package org.openuid.server.state;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The keyed 128-bit fingerprints the opt-out tables store instead of keys: the SipHash implementation against
 * published values, and keys that differ in one byte anywhere (prefix included) or only in their low-entropy bytes
 * (v4 raw UIDs) staying separate entries.
 */
class OptOutFingerprintTest {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static long word(byte[] b, int offset) {
        return (long) LONGS.get(b, offset);
    }

    private static byte[] random(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** A v4-shaped raw UID: metadata byte, 3-byte key id, 28 derived bytes, checksum (XOR of the first 32 bytes). */
    private static byte[] v4Shaped(SplittableRandom r, int metadata, int keyId) {
        byte[] out = new byte[33];
        out[0] = (byte) metadata;
        out[1] = (byte) (keyId >>> 16);
        out[2] = (byte) (keyId >>> 8);
        out[3] = (byte) keyId;
        for (int i = 4; i < 32; i++) out[i] = (byte) r.nextInt(256);
        withChecksum(out);
        return out;
    }

    private static byte[] withChecksum(byte[] v4) {
        byte checksum = 0;
        for (int i = 0; i < 32; i++) checksum ^= v4[i];
        v4[32] = checksum;
        return v4;
    }

    /** Plain SipHash-c-d of any message, written from the paper, to check the table's specialised SipHash-1-3. */
    static long referenceSipHash(int c, int d, byte[] key, byte[] message) {
        long k0 = word(key, 0);
        long k1 = word(key, 8);
        long[] v = {
            k0 ^ 0x736f6d6570736575L, k1 ^ 0x646f72616e646f6dL, k0 ^ 0x6c7967656e657261L, k1 ^ 0x7465646279746573L
        };
        int full = message.length / 8 * 8;
        long[] blocks = new long[full / 8 + 1];
        for (int i = 0; i < full; i += 8) blocks[i / 8] = word(message, i);
        long last = (long) (message.length & 0xFF) << 56;
        for (int i = full; i < message.length; i++) last |= (message[i] & 0xFFL) << (8 * (i - full));
        blocks[blocks.length - 1] = last;
        for (long m : blocks) {
            v[3] ^= m;
            for (int r = 0; r < c; r++) sipRound(v);
            v[0] ^= m;
        }
        v[2] ^= 0xFF;
        for (int r = 0; r < d; r++) sipRound(v);
        return v[0] ^ v[1] ^ v[2] ^ v[3];
    }

    private static void sipRound(long[] v) {
        v[0] += v[1]; v[1] = Long.rotateLeft(v[1], 13); v[1] ^= v[0]; v[0] = Long.rotateLeft(v[0], 32);
        v[2] += v[3]; v[3] = Long.rotateLeft(v[3], 16); v[3] ^= v[2];
        v[0] += v[3]; v[3] = Long.rotateLeft(v[3], 21); v[3] ^= v[0];
        v[2] += v[1]; v[1] = Long.rotateLeft(v[1], 17); v[1] ^= v[2]; v[2] = Long.rotateLeft(v[2], 32);
    }

    private static byte[] counting(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) i;
        return b;
    }

    @Test
    void theReferenceSipHashMatchesPublishedValues() {
        // SipHash-2-4, key 00 01 .. 0f, message 00 01 .. (n-1): vectors_sip64[n] of the SipHash reference code
        byte[] key = counting(16);
        assertThat(referenceSipHash(2, 4, key, counting(0))).isEqualTo(0x726fdb47dd0e0e31L);
        assertThat(referenceSipHash(2, 4, key, counting(8))).isEqualTo(0x93f5f5799a932462L);
        assertThat(referenceSipHash(2, 4, key, counting(15))).isEqualTo(0xa129ca6149be45e5L);
        assertThat(referenceSipHash(2, 4, key, counting(36))).isEqualTo(0x314dffbe0815a3b4L);
        assertThat(referenceSipHash(2, 4, key, counting(63))).isEqualTo(0x958a324ceb064572L);
        // SipHash-1-3, all-zero key: CPython 3.11 and later hash bytes with it, so
        // PYTHONHASHSEED=0 python3 -c 'print(hex(hash(bytes(range(36))) % 2**64))' prints the value for n = 36
        byte[] zero = new byte[16];
        assertThat(referenceSipHash(1, 3, zero, counting(7))).isEqualTo(0x2f098ab0c751325aL);
        assertThat(referenceSipHash(1, 3, zero, counting(8))).isEqualTo(0xead411e67ebe2eeaL);
        assertThat(referenceSipHash(1, 3, zero, counting(36))).isEqualTo(0xac77921fcc642bd3L);
    }

    @Test
    void theTablesSipHashIsSipHash13OfTheThirtySixByteMessage() {
        // message 00 01 .. 23: four little-endian words and a four-byte tail
        byte[] message = counting(36);
        assertThat(TimestampTable.sipHash13(0, 0, word(message, 0), word(message, 8), word(message, 16),
                word(message, 24), 0x23222120)).isEqualTo(0xac77921fcc642bd3L);
        SplittableRandom r = new SplittableRandom(29);
        for (int i = 0; i < 10_000; i++) {
            byte[] key = random(r, 16);
            byte[] m = random(r, 36);
            int tail = (m[32] & 0xFF) | (m[33] & 0xFF) << 8 | (m[34] & 0xFF) << 16 | (m[35] & 0xFF) << 24;
            long fast = TimestampTable.sipHash13(word(key, 0), word(key, 8),
                    word(m, 0), word(m, 8), word(m, 16), word(m, 24), tail);
            assertThat(fast).isEqualTo(referenceSipHash(1, 3, key, m));
        }
    }

    @Test
    void theSameKeyHasTheSameFingerprintAndOtherTablesUseOtherKeys() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] k = random(r, 32);
        byte[] copy = k.clone();
        TimestampTable table = new TimestampTable();
        TimestampTable other = new TimestampTable();
        long f0 = table.fingerprint0(word(k, 0), word(k, 8), word(k, 16), word(k, 24), 0);
        long f1 = table.fingerprint1(word(k, 0), word(k, 8), word(k, 16), word(k, 24), 0);
        assertThat(table.fingerprint0(word(copy, 0), word(copy, 8), word(copy, 16), word(copy, 24), 0)).isEqualTo(f0);
        assertThat(table.fingerprint1(word(copy, 0), word(copy, 8), word(copy, 16), word(copy, 24), 0)).isEqualTo(f1);
        // independent keys: the two words differ, and so do the words of another table (equal with chance 2^-64)
        assertThat(f1).isNotEqualTo(f0);
        assertThat(other.fingerprint0(word(k, 0), word(k, 8), word(k, 16), word(k, 24), 0)).isNotEqualTo(f0);
        assertThat(other.fingerprint1(word(k, 0), word(k, 8), word(k, 16), word(k, 24), 0)).isNotEqualTo(f1);

        OptOutIndex index = new OptOutIndex();
        index.add(1, new OptOutRecord(k, k, 500));
        index.add(2, new OptOutRecord(copy, copy, 400));
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.rawUidCount()).isEqualTo(1);
        assertThat(index.optedOutSince(k.clone())).isEqualTo(400);
        assertThat(index.optedOutSinceByRawUid(k.clone())).isEqualTo(400);
    }

    @Test
    void aFixedKeyGivesTheSipHashOfTheKeyWordsAndPrefixCode() {
        TimestampTable table = new TimestampTable(1, 2, 3, 4);
        int prefix = TimestampTable.prefixCode(true, (byte) 0x8A);
        assertThat(prefix).isEqualTo(0x18A);
        assertThat(table.fingerprint0(5, 6, 7, 8, prefix)).isEqualTo(TimestampTable.sipHash13(1, 2, 5, 6, 7, 8, 0x18A));
        assertThat(table.fingerprint1(5, 6, 7, 8, prefix)).isEqualTo(TimestampTable.sipHash13(3, 4, 5, 6, 7, 8, 0x18A));
        assertThat(table.fingerprint0(5, 6, 7, 8, 0)).isNotEqualTo(table.fingerprint0(5, 6, 7, 8, prefix));
    }

    @Test
    void keysDifferingInOneBitAnywhereAreSeparateEntries() {
        SplittableRandom r = new SplittableRandom(11);
        byte[] raw = random(r, 33);
        byte[] flh = random(r, 32);
        List<byte[]> raws = new ArrayList<>();
        List<byte[]> flhs = new ArrayList<>();
        raws.add(raw);
        raws.add(Arrays.copyOfRange(raw, 1, 33)); // the same 32 bytes without the prefix
        flhs.add(flh);
        for (int i = 0; i < 33 * 8; i++) {
            byte[] v = raw.clone();
            v[i / 8] ^= (byte) (1 << (i % 8));
            raws.add(v);
        }
        for (int i = 0; i < 32 * 8; i++) {
            byte[] v = flh.clone();
            v[i / 8] ^= (byte) (1 << (i % 8));
            flhs.add(v);
        }
        OptOutIndex index = new OptOutIndex();
        for (int i = 0; i < raws.size(); i++) index.add(i + 1, new OptOutRecord(new byte[0], raws.get(i), 1_000 + i));
        for (int i = 0; i < flhs.size(); i++) {
            index.add(1_000 + i, new OptOutRecord(flhs.get(i), new byte[0], 5_000 + i));
        }
        assertThat(index.rawUidCount()).isEqualTo(raws.size());
        assertThat(index.size()).isEqualTo(flhs.size());
        for (int i = 0; i < raws.size(); i++) {
            assertThat(index.optedOutSinceByRawUid(raws.get(i).clone())).isEqualTo(1_000 + i);
        }
        for (int i = 0; i < flhs.size(); i++) assertThat(index.optedOutSince(flhs.get(i).clone())).isEqualTo(5_000 + i);
        // the two tables do not share keys: a raw UID is not found as a first-level hash and the other way round
        assertThat(index.optedOutSince(raws.get(1))).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid(flh)).isEqualTo(-1);

        // and each variant has a first fingerprint word of its own
        TimestampTable table = new TimestampTable();
        Set<Long> seen = new HashSet<>();
        for (byte[] v : raws) {
            int off = v.length - 32;
            seen.add(table.fingerprint0(word(v, off), word(v, off + 8), word(v, off + 16), word(v, off + 24),
                    TimestampTable.prefixCode(off == 1, v[0])));
        }
        assertThat(seen).hasSize(raws.size());
    }

    @Test
    void everyPrefixByteIsADifferentKey() {
        byte[] tail = random(new SplittableRandom(5), 32);
        OptOutIndex index = new OptOutIndex();
        index.add(1, new OptOutRecord(new byte[0], tail, 100_000));
        for (int p = 0; p < 256; p++) {
            byte[] raw = new byte[33];
            raw[0] = (byte) p;
            System.arraycopy(tail, 0, raw, 1, 32);
            index.add(p + 2, new OptOutRecord(new byte[0], raw, 200_000 + p));
        }
        assertThat(index.rawUidCount()).isEqualTo(257);
        assertThat(index.optedOutSinceByRawUid(tail)).isEqualTo(100_000);
        for (int p = 0; p < 256; p++) {
            byte[] raw = new byte[33];
            raw[0] = (byte) p;
            System.arraycopy(tail, 0, raw, 1, 32);
            assertThat(index.optedOutSinceByRawUid(raw)).isEqualTo(200_000 + p);
        }
    }

    @Test
    void v4RawUidsDifferingOnlyInMetadataAndKeyIdAreSeparateEntries() {
        SplittableRandom r = new SplittableRandom(17);
        byte[] base = v4Shaped(r, 0b0110_0100, 0x000102);
        List<byte[]> variants = new ArrayList<>();
        // same derived bytes, every metadata byte with a few key ids: only bytes 0..3 and the checksum differ
        for (int metadata = 0; metadata < 256; metadata++) {
            for (int keyId : new int[] {0x000102, 0x000103, 0x010102, 0xFFFFFF}) {
                byte[] v = base.clone();
                v[0] = (byte) metadata;
                v[1] = (byte) (keyId >>> 16);
                v[2] = (byte) (keyId >>> 8);
                v[3] = (byte) keyId;
                variants.add(withChecksum(v));
            }
        }
        // and many v4 raw UIDs under one metadata byte and key id, as one key-material bucket produces them
        for (int i = 0; i < 50_000; i++) variants.add(v4Shaped(r, 0b0110_0100, 0x000102));
        OptOutIndex index = new OptOutIndex();
        for (int i = 0; i < variants.size(); i++) {
            index.add(i + 1, new OptOutRecord(new byte[0], variants.get(i), 1_000_000L + i));
        }
        assertThat(index.rawUidCount()).isEqualTo(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            assertThat(index.optedOutSinceByRawUid(variants.get(i).clone())).isEqualTo(1_000_000L + i);
        }
        for (int i = 0; i < 20_000; i++) {
            assertThat(index.optedOutSinceByRawUid(v4Shaped(r, 0b0110_0100, 0x000102))).isEqualTo(-1);
        }
    }

    @Test
    void heapBytesCountsTwoLongsAndAnIntPerEntryPlusTheSlots() {
        TimestampTable table = new TimestampTable();
        assertThat(table.heapBytes()).isEqualTo(1024L * Integer.BYTES);
        SplittableRandom r = new SplittableRandom(23);
        for (int i = 0; i < TimestampTable.PAGE_SIZE + 1; i++) {
            assertThat(table.putEarliest(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), 0, i)).isTrue();
        }
        // two pages of 16,384 entries at 20 bytes; 16,385 entries need 32,768 slots at most 75 % full
        assertThat(table.heapBytes()).isEqualTo(2L * TimestampTable.PAGE_SIZE * 20 + 32_768L * Integer.BYTES);
    }
}
