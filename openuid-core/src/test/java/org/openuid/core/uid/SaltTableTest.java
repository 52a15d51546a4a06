package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Random;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaltTableTest {

    @Test
    void loadsTestSaltFileInFileOrder() {
        SaltTable t = TestSalts.load();
        assertThat(t.size()).isEqualTo(5);
        assertThat(t.bucketId(0)).isEqualTo(1000000);
        assertThat(t.bucketId(4)).isEqualTo(1000004);
        assertThat(t.lastUpdated(0)).isEqualTo(1806364800001L);
        assertThat(t.refreshFrom(0)).isEqualTo(1814140800000L);

        assertThat(t.bucket(0)).isEqualTo(new SaltBucket(1000000, 1806364800001L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=", 1814140800000L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsS=", null, null));
        assertThat(t.bucket(1)).isEqualTo(new SaltBucket(1000001, 1786924800001L,
                "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnst=", 1812844800000L, "", null, null));
        assertThat(t.bucket(2)).isEqualTo(new SaltBucket(1000002, 1798588800001L, "", 1806364800000L, "",
                new KeyMaterial(2100002, "key12345key12345key12345key12340", "salt1234salt1234salt1234salt1230"),
                new KeyMaterial(2000002, "key12345key12345key12345key12345", "salt1234salt1234salt1234salt1234")));
        assertThat(t.bucket(3).previousKey()).isNull();
        assertThat(t.bucket(4).previousSalt()).isEqualTo("vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnsw=");
        assertThat(t.bucket(4).currentSalt()).isEmpty();
        assertThat(t.hasCurrentSalt(0)).isTrue();
        assertThat(t.hasCurrentSalt(2)).isFalse();
        assertThat(t.hasPreviousSalt(1)).isFalse();
    }

    @Test
    void ofListRoundTripsAndTrimsBlanks() {
        List<SaltBucket> in = new ArrayList<>();
        in.add(new SaltBucket(7, 1, " abc ", 2, "   ", null, null));
        in.add(new SaltBucket(-3, Long.MAX_VALUE, "", Long.MIN_VALUE, "p€rev", new KeyMaterial(1, "k", "s"), null));
        SaltTable t = SaltTable.of(in);
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.bucket(0)).isEqualTo(new SaltBucket(7, 1, "abc", 2, "", null, null));
        assertThat(t.bucket(1)).isEqualTo(in.get(1));
    }

    @Test
    void consecutiveAndScatteredIdsAndPreviousSalts() {
        String packed = "vgv1BwiNRCW7F3VcNXHlZh+7oHJ4G4gCshbGcVOLnss=";
        SaltTable consecutive = SaltTable.of(List.of(
                new SaltBucket(5, 10, packed, 11, "", null, null),
                new SaltBucket(6, 20, packed, 21, packed, null, null),
                new SaltBucket(7, 30, packed, 31, "", null, null)));
        assertThat(consecutive.bucketId(0)).isEqualTo(5);
        assertThat(consecutive.bucketId(2)).isEqualTo(7);
        assertThat(consecutive.lastUpdated(1)).isEqualTo(20);
        assertThat(consecutive.refreshFrom(1)).isEqualTo(21);
        assertThat(consecutive.hasPreviousSalt(0)).isFalse();
        assertThat(consecutive.hasPreviousSalt(1)).isTrue();
        assertThat(consecutive.previousSalt(1)).isEqualTo(packed);

        SaltTable scattered = SaltTable.of(List.of(
                new SaltBucket(9, 1, packed, 2, "old", null, null),
                new SaltBucket(3, 3, packed, 4, "", null, null),
                new SaltBucket(4, 5, packed, 6, packed, null, null)));
        assertThat(List.of(scattered.bucketId(0), scattered.bucketId(1), scattered.bucketId(2))).containsExactly(9, 3, 4);
        assertThat(scattered.hasPreviousSalt(0)).isTrue();
        assertThat(scattered.previousSalt(0)).isEqualTo("old");
        assertThat(scattered.hasPreviousSalt(1)).isFalse();
        assertThat(scattered.hasPreviousSalt(2)).isTrue();
        assertThat(scattered.bucket(2)).isEqualTo(new SaltBucket(4, 5, packed, 6, packed, null, null));
    }

    @Test
    void emptyTableAndBounds() {
        SaltTable t = SaltTable.builder(0).build();
        assertThat(t.size()).isZero();
        assertThatThrownBy(() -> t.bucket(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.bucketId(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void builderGrowsBeyondExpectedSize() {
        SaltTable.Builder b = SaltTable.builder(1);
        for (int i = 0; i < 1000; i++) {
            b.add(i, i, "salt" + i, i * 2L, i % 2 == 0 ? "" : "prev" + i,
                    i % 3 == 0 ? new KeyMaterial(i, "key" + i, "ks" + i) : null, null);
        }
        SaltTable t = b.build();
        assertThat(t.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            SaltBucket s = t.bucket(i);
            assertThat(s.id()).isEqualTo(i);
            assertThat(s.currentSalt()).isEqualTo("salt" + i);
            assertThat(s.previousSalt()).isEqualTo(i % 2 == 0 ? "" : "prev" + i);
            assertThat(s.refreshFrom()).isEqualTo(i * 2L);
            assertThat(s.currentKey()).isEqualTo(i % 3 == 0 ? new KeyMaterial(i, "key" + i, "ks" + i) : null);
        }
        assertThatThrownBy(() -> b.add(1, 1, "", 1, "", null, null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void packedAndEmptyCurrentSaltsSideBySide() {
        Base64.Encoder enc = Base64.getEncoder();
        SaltTable.Builder b = SaltTable.builder(2);
        List<String> current = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            byte[] raw = new byte[32];
            raw[0] = (byte) i;
            String salt = i % 3 == 0 ? "" : i % 3 == 1 ? enc.encodeToString(raw) : "short" + i;
            current.add(salt);
            b.add(i, i, salt, i, i % 2 == 0 ? enc.encodeToString(raw) : "", i % 3 == 0 ? new KeyMaterial(i, "k".repeat(32), "s") : null, null);
        }
        SaltTable t = b.build();
        for (int i = 0; i < 100; i++) {
            assertThat(t.hasCurrentSalt(i)).as("bucket %d", i).isEqualTo(i % 3 != 0);
            assertThat(t.currentSalt(i)).isEqualTo(current.get(i));
            assertThat(t.hasPreviousSalt(i)).isEqualTo(i % 2 == 0);
        }
    }

    @Test
    void millionBucketsStaySmall() {
        int n = 1 << 20;
        SaltTable.Builder b = SaltTable.builder(n);
        byte[] raw = new byte[32];
        Base64.Encoder enc = Base64.getEncoder();
        for (int i = 0; i < n; i++) {
            raw[0] = (byte) i;
            raw[1] = (byte) (i >> 8);
            raw[2] = (byte) (i >> 16);
            raw[31] = 1;
            String current = enc.encodeToString(raw);
            raw[31] = 2;
            b.add(i, i, current, i, enc.encodeToString(raw), null, null);
        }
        SaltTable t = b.build();
        assertThat(t.size()).isEqualTo(n);
        raw[0] = (byte) (n - 1);
        raw[1] = (byte) ((n - 1) >> 8);
        raw[2] = (byte) ((n - 1) >> 16);
        assertThat(t.previousSalt(n - 1)).isEqualTo(enc.encodeToString(raw));
        assertThat(t.approximateBytes()).isLessThan(100L * 1024 * 1024);
    }

    @Test
    void saltTextIsPreservedExactlyWhateverItsShape() {
        Random random = new Random(42);
        List<String> salts = new ArrayList<>();
        Base64.Encoder enc = Base64.getEncoder();
        for (int i = 0; i < 2000; i++) {
            byte[] raw = new byte[random.nextInt(4) == 0 ? 31 + random.nextInt(3) : 32];
            random.nextBytes(raw);
            String s = enc.encodeToString(raw);
            if (i % 7 == 0) {
                char[] c = s.toCharArray();
                c[42] = "ABCDabcd+/".charAt(random.nextInt(10));
                s = new String(c);
            }
            if (i % 11 == 0) s = s.replace('=', 'x');
            if (i % 13 == 0) s = s.substring(0, 40) + "é?=";
            salts.add(s);
        }
        SaltTable.Builder b = SaltTable.builder(10);
        for (int i = 0; i < salts.size(); i++) {
            b.add(i, 0, salts.get(i), 0, salts.get(salts.size() - 1 - i), null, null);
        }
        SaltTable t = b.build();
        MessageDigest md = sha256();
        HashScratch scratch = HashScratch.current();
        for (int i = 0; i < salts.size(); i++) {
            assertThat(t.currentSalt(i)).isEqualTo(salts.get(i));
            assertThat(t.previousSalt(i)).isEqualTo(salts.get(salts.size() - 1 - i));
            int n = t.putSaltText(i, false, scratch, 3);
            md.update(scratch.room(0), 3, n);
            assertThat(md.digest()).isEqualTo(sha256().digest(salts.get(i).getBytes(StandardCharsets.UTF_8)));
            n = t.putSaltText(i, true, scratch, 3);
            md.update(scratch.room(0), 3, n);
            assertThat(md.digest()).isEqualTo(
                    sha256().digest(salts.get(salts.size() - 1 - i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
