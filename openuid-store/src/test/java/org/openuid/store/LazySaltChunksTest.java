package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.crypto.IvSource;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.SaltTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A table laid out from the layout file reads each chunk row when it is first needed and uses it only when it is the
 * row the layout was taken from; before the chunks change, the store reads the rest, so the table never meets a
 * chunk written after its layout.
 */
class LazySaltChunksTest {
    private static final int CHUNKS = 5;
    private static final int BUCKETS = CHUNKS * SaltChunkCodec.BUCKETS_PER_CHUNK;
    /** Where the layout file names chunk k's first stored bytes: magic, version, count, then per chunk no, length, bytes. */
    private static final int PREFIXES = 6 + 8 + 4 + 8;

    @TempDir
    Path dir;

    private final SecretSealer sealer = SecretSealer.withKey(IvSource.secure().next(32));

    @Test
    void aChunkOtherThanTheOneTheLayoutNamesFailsItsReadsAndTheNextLoadDecodesEverything() throws Exception {
        List<SaltBucket> buckets = TestSalts.buckets(BUCKETS);
        Path layout = dir.resolve("openuid.salt-layout");
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            store.setSaltMetadata(new SaltMetadata("fls", "UID2-B", "secret"));
            store.replaceSaltBuckets(buckets);
            store.loadAll();
        }
        byte[] content = Files.readAllBytes(layout);
        content[PREFIXES + 2 * (8 + SaltLayoutFile.PREFIX) + 20] ^= 0x01; // chunk 2's stored IV
        Files.write(layout, content);
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable t = store.loadAll().salts();
            assertThat(t.decoded()).isFalse();
            assertThat(t.bucket(0)).isEqualTo(buckets.get(0));
            int inChunk2 = 2 * SaltChunkCodec.BUCKETS_PER_CHUNK + 5;
            assertThatThrownBy(() -> t.bucket(inChunk2)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not the one the salt layout was taken from");
            assertThatThrownBy(() -> t.currentSalt(inChunk2)).isInstanceOf(IllegalStateException.class);
            assertThat(layout).doesNotExist();
        }
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable t = store.loadAll().salts();
            assertThat(t.decoded()).isTrue();
            for (int i = 0; i < BUCKETS; i += 97) assertThat(t.bucket(i)).isEqualTo(buckets.get(i));
        }
    }

    @Test
    void theRestIsReadBeforeTheChunksChange() throws Exception {
        List<SaltBucket> buckets = TestSalts.buckets(BUCKETS);
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            store.setSaltMetadata(new SaltMetadata("fls", "UID2-B", "secret"));
            store.replaceSaltBuckets(buckets);
            store.loadAll();
        }
        try (JdbcStore store = Stores.open(dir.toString(), sealer)) {
            SaltTable before = store.loadAll().salts();
            assertThat(before.decoded()).isFalse();
            List<SaltBucket> replaced = new ArrayList<>(buckets);
            for (int i = 0; i < BUCKETS; i++) {
                SaltBucket b = buckets.get(i);
                replaced.set(i, new SaltBucket(b.id(), b.lastUpdated() + 1, TestSalts.salt(), b.refreshFrom(), b.currentSalt(), null, null));
            }
            store.replaceSaltBuckets(replaced);
            assertThat(before.decoded()).isTrue();
            for (int i = 0; i < BUCKETS; i += 97) assertThat(before.bucket(i)).isEqualTo(buckets.get(i));
            SaltTable after = store.loadAll().salts();
            for (int i = 0; i < BUCKETS; i += 97) assertThat(after.bucket(i)).isEqualTo(replaced.get(i));
        }
    }
}
