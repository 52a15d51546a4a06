package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LazySaltTableTest {

    /** Buckets of every shape: packed, unpacked and empty salts, key materials, a gap in the ids when asked. */
    private static List<SaltBucket> buckets(int n, boolean regular, boolean gap, long seed) {
        Random random = new Random(seed);
        Base64.Encoder enc = Base64.getEncoder();
        List<SaltBucket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] raw = new byte[32];
            random.nextBytes(raw);
            String current = enc.encodeToString(raw);
            random.nextBytes(raw);
            String previous = random.nextBoolean() ? enc.encodeToString(raw) : "";
            KeyMaterial ck = null;
            KeyMaterial pk = null;
            if (!regular) {
                switch (random.nextInt(6)) {
                    case 0 -> current = "short-" + i;
                    case 1 -> previous = "prév-" + i;
                    case 2 -> { current = ""; ck = new KeyMaterial(i, "k" + i, "s" + i); }
                    case 3 -> pk = new KeyMaterial(7, "k", "s");
                    default -> { }
                }
            }
            int id = gap && i >= n / 2 ? 1000 + i + 5 : 1000 + i;
            out.add(new SaltBucket(id, 10L * i, current, 20L * i, previous, ck, pk));
        }
        return out;
    }

    private static int[] chunkSizes(int n, int per) {
        int[] sizes = new int[(n + per - 1) / per];
        for (int k = 0; k < sizes.length; k++) sizes[k] = Math.min(per, n - k * per);
        return sizes;
    }

    private static SaltTable lazy(List<SaltBucket> buckets, int per, AtomicInteger decodes) {
        int[] sizes = chunkSizes(buckets.size(), per);
        SaltLayout layout = SaltLayout.fromBytes(SaltLayout.of(SaltTable.of(buckets), sizes).toBytes());
        return SaltTable.lazy(layout, (chunk, into) -> {
            decodes.incrementAndGet();
            for (SaltBucket b : buckets.subList(chunk * per, Math.min(buckets.size(), (chunk + 1) * per)))
                into.add(b.id(), b.lastUpdated(), b.currentSalt(), b.refreshFrom(), b.previousSalt(), b.currentKey(), b.previousKey());
        });
    }

    private static void assertSameBucket(SaltTable lazy, SaltTable eager, int i) {
        assertThat(lazy.bucket(i)).isEqualTo(eager.bucket(i));
        assertThat(lazy.hasCurrentSalt(i)).isEqualTo(eager.hasCurrentSalt(i));
        assertThat(lazy.hasPreviousSalt(i)).isEqualTo(eager.hasPreviousSalt(i));
        HashScratch a = HashScratch.current();
        int n = lazy.putSaltText(i, true, a, 0);
        byte[] got = java.util.Arrays.copyOf(a.room(0), n);
        int m = eager.putSaltText(i, true, a, 0);
        assertThat(got).isEqualTo(java.util.Arrays.copyOf(a.room(0), m));
    }

    @Test
    void readsDecodeOnlyTheirChunkAndGiveWhatAnEagerTableGives() {
        for (boolean regular : new boolean[] {true, false}) {
            List<SaltBucket> buckets = buckets(1000, regular, !regular, regular ? 1 : 2);
            SaltTable eager = SaltTable.of(buckets);
            AtomicInteger decodes = new AtomicInteger();
            SaltTable t = lazy(buckets, 64, decodes);
            assertThat(t.size()).isEqualTo(1000);
            assertThat(t.decoded()).isFalse();
            assertThat(decodes).hasValue(0);
            assertSameBucket(t, eager, 999);
            assertSameBucket(t, eager, 960);
            assertThat(decodes).hasValue(1);
            assertSameBucket(t, eager, 64);
            assertSameBucket(t, eager, 63);
            assertThat(decodes).hasValue(3);
            for (int i = 0; i < 1000; i += 7) assertSameBucket(t, eager, i);
            t.decodeAll();
            assertThat(t.decoded()).isTrue();
            assertThat(decodes).hasValue(16);
            for (int i = 0; i < 1000; i++) assertSameBucket(t, eager, i);
            assertThat(t.approximateBytes()).isEqualTo(eager.approximateBytes());
        }
    }

    @Test
    void concurrentReadersSeeWholeChunks() throws Exception {
        List<SaltBucket> buckets = buckets(20_000, false, true, 3);
        SaltTable eager = SaltTable.of(buckets);
        for (int round = 0; round < 5; round++) {
            AtomicInteger decodes = new AtomicInteger();
            SaltTable t = lazy(buckets, 100, decodes);
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int th = 0; th < 4; th++) {
                int seed = round * 10 + th;
                Thread thread = new Thread(() -> {
                    Random r = new Random(seed);
                    try {
                        go.await();
                        for (int j = 0; j < 3000; j++) {
                            int i = r.nextInt(buckets.size());
                            if (!t.bucket(i).equals(eager.bucket(i))) throw new AssertionError("bucket " + i + " differs");
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            Thread filler = new Thread(t::decodeAll);
            go.countDown();
            filler.start();
            for (Thread thread : threads) thread.join();
            filler.join();
            assertThat(errors).isEmpty();
            assertThat(decodes).hasValue(200);
            assertThat(t.decoded()).isTrue();
        }
    }

    @Test
    void aChunkThatDoesNotMatchItsLayoutFailsTheReadInsteadOfAnsweringWrong() {
        List<SaltBucket> regular = buckets(200, true, false, 4);
        List<SaltBucket> other = buckets(200, false, false, 5);
        int[] sizes = chunkSizes(200, 50);
        SaltLayout layout = SaltLayout.of(SaltTable.of(regular), sizes);
        SaltTable t = SaltTable.lazy(layout, (chunk, into) -> {
            List<SaltBucket> from = chunk == 1 ? other : regular;
            for (SaltBucket b : from.subList(chunk * 50, (chunk + 1) * 50))
                into.add(b.id(), b.lastUpdated(), b.currentSalt(), b.refreshFrom(), b.previousSalt(), b.currentKey(), b.previousKey());
        });
        assertThat(t.bucket(0)).isEqualTo(regular.get(0));
        assertThatThrownBy(() -> t.currentSalt(60)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not match its layout");
        assertThatThrownBy(() -> t.currentSalt(60)).isInstanceOf(IllegalStateException.class);
        assertThat(t.bucket(150)).isEqualTo(regular.get(150));
        assertThat(t.decoded()).isFalse();
    }

    @Test
    void layoutRoundTripsAndRejectsGarbage() {
        List<SaltBucket> buckets = buckets(300, false, true, 6);
        SaltLayout layout = SaltLayout.of(SaltTable.of(buckets), chunkSizes(300, 128));
        assertThat(SaltLayout.fromBytes(layout.toBytes())).isEqualTo(layout);
        assertThat(layout.size()).isEqualTo(300);
        assertThatThrownBy(() -> SaltLayout.fromBytes(new byte[] {1, 0, 0, 0, 9})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaltLayout.fromBytes(new byte[] {7})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SaltLayout.of(SaltTable.of(buckets), new int[] {100})).isInstanceOf(IllegalArgumentException.class);
    }
}
