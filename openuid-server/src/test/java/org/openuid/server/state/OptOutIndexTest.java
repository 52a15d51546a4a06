package org.openuid.server.state;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact opt-out index against a plain map, at scale and with concurrent readers. */
class OptOutIndexTest {

    private static byte[] random(SplittableRandom r, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) r.nextInt(256);
        return b;
    }

    @Test
    void emptyIndexKnowsNothing() {
        OptOutIndex index = new OptOutIndex();
        assertThat(index.optedOutSince(new byte[32])).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid(Base64.getEncoder().encodeToString(new byte[32]))).isEqualTo(-1);
        assertThat(index.lastSequence()).isZero();
        assertThat(index.size()).isZero();
    }

    @Test
    void firstLevelHashAndRawUidKeepTheEarliestTime() {
        OptOutIndex index = new OptOutIndex();
        byte[] flh = new byte[32];
        flh[0] = 1;
        byte[] raw1 = new byte[32];
        raw1[5] = 7;
        byte[] raw2 = new byte[32];
        raw2[5] = 8;
        index.add(1, new OptOutRecord(flh, raw1, 500));
        index.add(2, new OptOutRecord(flh, raw2, 300));
        index.add(3, new OptOutRecord(flh.clone(), raw1.clone(), 900));
        assertThat(index.optedOutSince(flh)).isEqualTo(300);
        assertThat(index.optedOutSinceByRawUid(raw1)).isEqualTo(500);
        assertThat(index.optedOutSinceByRawUid(Base64.getEncoder().encodeToString(raw2))).isEqualTo(300);
        assertThat(index.lastSequence()).isEqualTo(3);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.rawUidCount()).isEqualTo(2);
    }

    @Test
    void thirtyThreeByteRawUidsAreDistinctFromTheirLast32Bytes() {
        OptOutIndex index = new OptOutIndex();
        byte[] tail = new byte[32];
        tail[31] = 9;
        byte[] v4 = new byte[33];
        v4[0] = 0;
        System.arraycopy(tail, 0, v4, 1, 32);
        byte[] other = v4.clone();
        other[0] = 0x42;
        index.add(1, new OptOutRecord(new byte[0], v4, 1000));
        assertThat(index.optedOutSinceByRawUid(v4)).isEqualTo(1000);
        assertThat(index.optedOutSinceByRawUid(Base64.getEncoder().encodeToString(v4))).isEqualTo(1000);
        assertThat(index.optedOutSinceByRawUid(tail)).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid(other)).isEqualTo(-1);
        index.add(2, new OptOutRecord(new byte[0], tail, 2000));
        assertThat(index.optedOutSinceByRawUid(tail)).isEqualTo(2000);
        assertThat(index.optedOutSinceByRawUid(v4)).isEqualTo(1000);
    }

    @Test
    void rawUidLookupIsAnExactMatchOnCanonicalBase64() {
        OptOutIndex index = new OptOutIndex();
        byte[] raw = new byte[32];
        raw[31] = 1;
        index.add(1, new OptOutRecord(new byte[32], raw, 77));
        String canonical = Base64.getEncoder().encodeToString(raw);
        assertThat(canonical).hasSize(44).endsWith("=");
        assertThat(index.optedOutSinceByRawUid(canonical)).isEqualTo(77);
        // same bytes, other spellings: no padding, non-zero unused bits, URL-safe alphabet, whitespace
        assertThat(index.optedOutSinceByRawUid(canonical.substring(0, 43))).isEqualTo(-1);
        String lastChar = canonical.substring(42, 43);
        String noncanonical = canonical.substring(0, 42) + (char) (lastChar.charAt(0) + 1) + "=";
        assertThat(Base64.getDecoder().decode(noncanonical)).isEqualTo(raw);
        assertThat(index.optedOutSinceByRawUid(noncanonical)).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid(" " + canonical.substring(1))).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid("not base64 at all, but exactly 44 chars!!!!")).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid("")).isEqualTo(-1);
        assertThat(index.optedOutSinceByRawUid((String) null)).isEqualTo(-1);
    }

    @Test
    void unusableRecordsAreCountedNotIndexed() {
        OptOutIndex index = new OptOutIndex();
        index.add(4, new OptOutRecord(new byte[31], new byte[10], 1));
        index.add(5, new OptOutRecord(new byte[0], new byte[34], 1));
        assertThat(index.ignoredRecords()).isEqualTo(2);
        assertThat(index.size()).isZero();
        assertThat(index.lastSequence()).isEqualTo(5);
        assertThat(index.optedOutSince(new byte[31])).isEqualTo(-1);
        assertThat(index.optedOutSince(null)).isEqualTo(-1);
    }

    @Test
    void timesAreUnsignedSecondsClampedTo32Bits() {
        OptOutIndex index = new OptOutIndex();
        byte[] a = new byte[32];
        a[0] = 1;
        byte[] b = new byte[32];
        b[0] = 2;
        byte[] c = new byte[32];
        c[0] = 3;
        index.add(1, new OptOutRecord(a, a, 4_000_000_000L));
        index.add(2, new OptOutRecord(b, b, -5));
        index.add(3, new OptOutRecord(c, c, 1L << 40));
        assertThat(index.optedOutSince(a)).isEqualTo(4_000_000_000L);
        assertThat(index.optedOutSince(b)).isZero();
        assertThat(index.optedOutSince(c)).isEqualTo(0xFFFF_FFFFL);
    }

    @Test
    void agreesWithAHashMapAcrossManyResizes() {
        SplittableRandom r = new SplittableRandom(42);
        OptOutIndex index = new OptOutIndex();
        Map<ByteBuffer, Long> byFlh = new HashMap<>();
        Map<ByteBuffer, Long> byRaw = new HashMap<>();
        List<byte[]> flhs = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            byte[] flh = i > 0 && r.nextInt(10) == 0 ? flhs.get(r.nextInt(flhs.size())) : random(r, 32);
            byte[] raw = random(r, r.nextBoolean() ? 32 : 33);
            long t = 1_600_000_000L + r.nextInt(100_000_000);
            flhs.add(flh);
            index.add(i + 1, new OptOutRecord(flh, raw, t));
            byFlh.merge(ByteBuffer.wrap(flh), t, Math::min);
            byRaw.merge(ByteBuffer.wrap(raw), t, Math::min);
        }
        assertThat(index.size()).isEqualTo(byFlh.size());
        assertThat(index.rawUidCount()).isEqualTo(byRaw.size());
        byFlh.forEach((k, t) -> assertThat(index.optedOutSince(k.array())).isEqualTo(t));
        byRaw.forEach((k, t) -> assertThat(index.optedOutSinceByRawUid(Base64.getEncoder().encodeToString(k.array()))).isEqualTo(t));
        for (int i = 0; i < 50_000; i++) {
            assertThat(index.optedOutSince(random(r, 32))).isEqualTo(-1);
            assertThat(index.optedOutSinceByRawUid(random(r, 33))).isEqualTo(-1);
        }
        assertThat(index.heapBytes()).isPositive();
    }

    @Test
    void readersNeverSeeAHalfWrittenEntryWhileTheWriterGrowsTheTables() throws Exception {
        int total = 300_000;
        byte[][] keys = new byte[total][];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < total; i++) keys[i] = random(r, 32);
        OptOutIndex index = new OptOutIndex();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    long checks = 0;
                    SplittableRandom rr = new SplittableRandom();
                    while (writing.get()) {
                        // everything up to the published sequence must be found with its exact time
                        long published = index.lastSequence();
                        if (published == 0) continue;
                        int i = rr.nextInt((int) published);
                        if (index.optedOutSince(keys[i]) != 1_000_000L + i) throw new AssertionError("entry " + i);
                        if (index.optedOutSinceByRawUid(keys[i]) != 1_000_000L + i) throw new AssertionError("raw " + i);
                        checks++;
                    }
                    return checks;
                }));
            }
            start.countDown();
            for (int i = 0; i < total; i++) index.add(i + 1, new OptOutRecord(keys[i], keys[i], 1_000_000L + i));
            writing.set(false);
            for (Future<Long> f : readers) assertThat(f.get(1, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(0);
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.size()).isEqualTo(total);
    }
}
