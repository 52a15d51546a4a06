package org.openuid.core.service;

import org.junit.jupiter.api.Test;
import org.openuid.core.identity.IdentityEnvironment;
import org.openuid.core.identity.IdentityScope;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.uid.BucketIndex;
import org.openuid.core.uid.RawUidDeriver;
import org.openuid.core.uid.SaltTable;
import org.openuid.core.uid.TestSalts;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Salt rotation decisions (keys-and-data.md §6.4). */
class SaltRotationTest {
    static final long DAY = 86_400_000L;
    static final long NOW = 1_800_000_000_000L;
    static final SaltRotation.Settings ALL = new SaltRotation.Settings(1.0, 30 * DAY, 30 * DAY);

    /** {@code n} salt buckets with ids 100.. and the given ages in days (cycled). */
    static SaltTable table(int n, long... ageDays) {
        List<SaltBucket> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long lu = NOW - ageDays[i % ageDays.length] * DAY;
            buckets.add(new SaltBucket(100 + i, lu, salt(i), lu + 30 * DAY, "", null, null));
        }
        return SaltTable.of(buckets);
    }

    static String salt(int i) {
        byte[] b = new byte[32];
        b[0] = (byte) i;
        b[1] = (byte) (i >> 8);
        return Base64.getEncoder().encodeToString(b);
    }

    static SaltTable apply(SaltTable t, List<SaltBucket> updates) {
        Map<Integer, SaltBucket> byId = new HashMap<>();
        for (SaltBucket b : updates) byId.put(b.id(), b);
        List<SaltBucket> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) out.add(byId.getOrDefault(t.bucketId(i), t.bucket(i)));
        return SaltTable.of(out);
    }

    @Test
    void saltBucketsMoveCurrentToPreviousWithAFreshSalt() {
        SaltTable t = table(3, 40);
        SaltRotation.Plan plan = SaltRotation.plan(t, NOW, new SaltRotation.Settings(1.0, 30 * DAY, 7 * DAY), new Random(1));
        assertThat(plan.bucketCount()).isEqualTo(3);
        assertThat(plan.eligibleCount()).isEqualTo(3);
        assertThat(plan.rotated()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            SaltBucket b = plan.rotated().get(i);
            assertThat(b.id()).isEqualTo(100 + i);
            assertThat(b.previousSalt()).isEqualTo(salt(i));
            assertThat(b.currentSalt()).hasSize(44).isNotEqualTo(salt(i));
            assertThat(Base64.getDecoder().decode(b.currentSalt())).hasSize(32);
            assertThat(b.lastUpdated()).isEqualTo(NOW);
            assertThat(b.refreshFrom()).isEqualTo(NOW + 7 * DAY);
            assertThat(b.currentKey()).isNull();
            assertThat(b.previousKey()).isNull();
        }
        assertThat(plan.rotated().get(0).currentSalt()).isNotEqualTo(plan.rotated().get(1).currentSalt());
    }

    @Test
    void neverRotatesBucketsYoungerThanTheMinimumAgeOrDatedInTheFuture() {
        SaltTable t = table(6, 29, 30, 31, 0, -5, 365);
        SaltRotation.Plan plan = SaltRotation.plan(t, NOW, ALL, new Random(2));
        assertThat(plan.eligibleCount()).isEqualTo(3);
        assertThat(plan.rotated()).extracting(SaltBucket::id).containsExactly(101, 102, 105);
        assertThat(SaltRotation.plan(t, NOW, new SaltRotation.Settings(1.0, 0, 0), new Random(2)).eligibleCount()).isEqualTo(5);
    }

    @Test
    void rotatesTheFractionOldestFirstAndTiesAtRandom() {
        SaltTable t = table(10, 100, 50, 200, 50, 50, 60, 70, 80, 90, 50);
        // 0.3 × 10 = 3: the three oldest (200, 100, 90 days)
        assertThat(SaltRotation.plan(t, NOW, new SaltRotation.Settings(0.3, 30 * DAY, 0), new Random(3)).rotated())
                .extracting(SaltBucket::id).containsExactly(100, 102, 108);
        // 0.8 × 10 = 8: all but two of the four 50-day-old buckets (indices 1, 3, 4, 9)
        List<Integer> seen = new ArrayList<>();
        Random random = new Random(10);
        for (int run = 0; run < 50; run++) {
            List<SaltBucket> r = SaltRotation.plan(t, NOW, new SaltRotation.Settings(0.8, 30 * DAY, 0), random).rotated();
            assertThat(r).hasSize(8);
            assertThat(r).extracting(SaltBucket::id).contains(100, 102, 105, 106, 107, 108).isSorted();
            r.stream().map(SaltBucket::id).filter(id -> id == 101 || id == 103 || id == 104 || id == 109).forEach(seen::add);
        }
        assertThat(seen).contains(101, 103, 104, 109);
    }

    @Test
    void fractionIsExactOnAverageEvenForSmallTables() {
        SaltTable t = table(10, 400);
        Random random = new Random(4);
        int total = 0;
        int runs = 4000;
        for (int i = 0; i < runs; i++) {
            int k = SaltRotation.plan(t, NOW, new SaltRotation.Settings(0.25, 30 * DAY, 0), random).rotated().size();
            assertThat(k).isBetween(2, 3);
            total += k;
        }
        assertThat((double) total / runs).isBetween(2.4, 2.6);
        assertThat(SaltRotation.plan(t, NOW, new SaltRotation.Settings(0, 0, 0), random).rotated()).isEmpty();
        assertThat(SaltRotation.plan(table(1000, 400), NOW, new SaltRotation.Settings(1.0 / 365, 0, 0), new Random(5)).rotated())
                .hasSizeBetween(2, 3);
    }

    @Test
    void keyMaterialBucketsGetNewKeyMaterialAndKeepTheOldAsPrevious() {
        SaltTable t = TestSalts.load();
        long now = t.lastUpdated(4) + 400 * DAY;
        SaltRotation.Plan plan = SaltRotation.plan(t, now, ALL, new Random(6));
        assertThat(plan.rotated()).hasSize(5);
        SaltBucket row2 = plan.rotated().get(2);
        assertThat(row2.id()).isEqualTo(1000002);
        assertThat(row2.currentSalt()).isEmpty();
        assertThat(row2.previousSalt()).isEmpty();
        assertThat(row2.previousKey()).isEqualTo(t.currentKey(2));
        assertThat(row2.currentKey().key()).hasSize(32);
        assertThat(row2.currentKey().salt()).hasSize(44);
        // the largest key id in the table is 2100002; new ids follow it in file order
        assertThat(row2.currentKey().id()).isEqualTo(2100003);
        assertThat(plan.rotated().get(3).currentKey().id()).isEqualTo(2100004);
        // row 4 had a current key and a previous salt: the previous salt is cleared
        SaltBucket row4 = plan.rotated().get(4);
        assertThat(row4.previousSalt()).isEmpty();
        assertThat(row4.previousKey()).isEqualTo(t.currentKey(4));
        assertThat(row4.currentKey().id()).isEqualTo(2100005);
        // salt rows keep being salt rows
        assertThat(plan.rotated().get(0).previousSalt()).isEqualTo(t.currentSalt(0));
        assertThat(plan.rotated().get(1).previousSalt()).isEqualTo(t.currentSalt(1));
    }

    @Test
    void previousRawUidAfterRotationIsTheRawUidBeforeIt() {
        SaltTable before = TestSalts.load();
        long now = before.lastUpdated(4) + 400 * DAY;
        SaltTable after = apply(before, SaltRotation.plan(before, now, ALL, new Random(7)).rotated());
        RawUidDeriver d = new RawUidDeriver(IdentityScope.UID2, IdentityEnvironment.TEST, false);
        Random r = new Random(8);
        for (int i = 0; i < 200; i++) {
            byte[] flh = new byte[32];
            r.nextBytes(flh);
            int index = BucketIndex.of(flh, before.size());
            byte[] old = d.current(flh, IdentityType.EMAIL, before, index);
            byte[] fresh = d.current(flh, IdentityType.EMAIL, after, index);
            assertThat(fresh).isNotEqualTo(old);
            assertThat(fresh).hasSameSizeAs(old);
            assertThat(d.previous(flh, IdentityType.EMAIL, after, index, now + DAY)).isEqualTo(old);
        }
    }

    @Test
    void exhaustedKeyIdsAreAnError() {
        KeyMaterial top = new KeyMaterial(SaltRotation.MAX_KEY_ID, "key12345key12345key12345key12345", "s");
        SaltTable t = SaltTable.of(List.of(new SaltBucket(1, 0, "", 0, "", top, null)));
        assertThatThrownBy(() -> SaltRotation.plan(t, 400 * DAY, ALL, new Random(9)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("key id");
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new SaltRotation.Settings(1.5, 0, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new SaltRotation.Settings(-0.1, 0, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new SaltRotation.Settings(Double.NaN, 0, 0)).hasMessageContaining("fraction");
        assertThatThrownBy(() -> new SaltRotation.Settings(0.1, -1, 0)).hasMessageContaining("age");
        assertThatThrownBy(() -> new SaltRotation.Settings(0.1, 0, -1)).hasMessageContaining("delay");
    }
}
