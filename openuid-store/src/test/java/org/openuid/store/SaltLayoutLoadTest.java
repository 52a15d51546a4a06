package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.SaltTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded store with a secrets key keeps its salt table's layout beside the database; a later load that finds it
 * matching the stored chunks opens none of them until a bucket is read, and gives the same buckets.
 */
class SaltLayoutLoadTest {
    private static final int BUCKETS = 5 * SaltChunkCodec.BUCKETS_PER_CHUNK + 321;

    @TempDir
    Path dir;

    private final SecretSealer sealer = SecretSealer.withKey(IvSource.secure().next(32));

    @Test
    void secondLoadOpensChunksOnFirstReadAndGivesTheSameBuckets() throws Exception {
        List<SaltBucket> buckets = buckets();
        Path layout = dir.resolve("openuid.salt-layout");
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            store.setSaltMetadata(new SaltMetadata("fls", "UID2-B", "secret"));
            store.replaceSaltBuckets(buckets);
            SaltTable first = store.loadAll().salts();
            assertThat(first.decoded()).isTrue();
            assertSame(first, buckets);
        }
        assertThat(layout).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout))).isEqualTo("rw-------");
        assertThat(Files.readString(layout, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(buckets.get(0).currentSalt());

        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable lazy = store.loadAll().salts();
            assertThat(lazy.decoded()).isFalse();
            assertThat(lazy.size()).isEqualTo(BUCKETS);
            assertThat(lazy.bucket(BUCKETS - 1)).isEqualTo(buckets.get(BUCKETS - 1));
            assertThat(lazy.decoded()).isFalse();
            assertThat(store.loadAll().salts()).as("cached while the buckets do not change").isSameAs(lazy);
            lazy.decodeAll();
            assertThat(lazy.decoded()).isTrue();
            assertSame(lazy, buckets);

            // a rotation changes the salts' version: the next load decodes everything and writes a new layout
            SaltBucket b = buckets.get(4100);
            SaltBucket rotated = new SaltBucket(b.id(), b.lastUpdated() + 1, TestSalts.salt(), b.refreshFrom(), b.currentSalt(), null, null);
            store.updateSaltBuckets(List.of(rotated));
            buckets.set(4100, rotated);
            SaltTable after = store.loadAll().salts();
            assertThat(after.decoded()).isTrue();
            assertSame(after, buckets);
        }
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable lazy = store.loadAll().salts();
            assertThat(lazy.decoded()).as("the layout written after the rotation").isFalse();
            assertSame(lazy, buckets);
        }
    }

    @Test
    void aDamagedOrStaleLayoutIsIgnored() throws Exception {
        List<SaltBucket> buckets = buckets();
        Path layout = dir.resolve("openuid.salt-layout");
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            store.setSaltMetadata(new SaltMetadata("fls", "UID2-B", "secret"));
            store.replaceSaltBuckets(buckets);
            store.loadAll();
        }
        byte[] good = Files.readAllBytes(layout);
        byte[] damaged = good.clone();
        damaged[damaged.length - 3] ^= 0x55;
        for (byte[] content : List.of(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(good, good.length / 2), damaged)) {
            Files.write(layout, content);
            try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
                SaltTable t = store.loadAll().salts();
                if (content != damaged) assertThat(t.decoded()).isTrue();
                assertSame(t, buckets);
            }
        }
        // the layout of other chunks (the buckets written again, with new IVs) is not used
        Files.write(layout, good);
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            store.replaceSaltBuckets(buckets);
        }
        Files.write(layout, good);
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable t = store.loadAll().salts();
            assertThat(t.decoded()).isTrue();
            assertSame(t, buckets);
        }
    }

    @Test
    void withoutAKeyNoLayoutIsKept() throws Exception {
        try (JdbcStore store = Stores.open(dir.toString())) {
            store.setSaltMetadata(new SaltMetadata("fls", "UID2-B", "secret"));
            store.replaceSaltBuckets(buckets());
            store.loadAll();
        }
        assertThat(dir.resolve("openuid.salt-layout")).doesNotExist();
    }

    private static void assertSame(SaltTable t, List<SaltBucket> buckets) {
        assertThat(t.size()).isEqualTo(buckets.size());
        for (int i = 0; i < buckets.size(); i++) assertThat(t.bucket(i)).isEqualTo(buckets.get(i));
    }

    private static List<SaltBucket> buckets() {
        List<SaltBucket> list = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            String previous = i % 3 == 0 ? TestSalts.salt() : i % 1000 == 1 ? "an old salt" : "";
            KeyMaterial key = i % 5000 == 7 ? new KeyMaterial(i, "key", "salt") : null;
            list.add(new SaltBucket(i + 1, 1_700_000_000_000L + i, key != null ? "" : TestSalts.salt(), 1_800_000_000_000L, previous, key, null));
        }
        return list;
    }

}
