package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.uid.SaltTable;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SaltChunkCodecTest {

    @Test
    void roundTripsEveryShapeOfBucket() {
        List<SaltBucket> buckets = new ArrayList<>();
        for (int i = 0; i < 100; i++) buckets.add(StoreContractTest.sampleBucket(i * 3 - 50, i));
        buckets.add(new SaltBucket(Integer.MIN_VALUE, Long.MIN_VALUE, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
                Long.MAX_VALUE, "////////////////////////////////////////////8=", null, null));
        // 44 characters that look like Base64 but are not canonical must come back unchanged
        buckets.add(new SaltBucket(1, 2, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=", 3,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", new KeyMaterial(0, "", ""), null));
        buckets.add(new SaltBucket(2, 2, "x".repeat(300), 3, "é".repeat(200), null, null));

        byte[] encoded = SaltChunkCodec.encode(buckets);
        assertThat(SaltChunkCodec.count(encoded)).isEqualTo(buckets.size());
        List<SaltBucket> decoded = new ArrayList<>();
        SaltChunkCodec.decode(encoded, (id, lu, cs, rf, ps, ck, pk) -> decoded.add(new SaltBucket(id, lu, cs, rf, ps, ck, pk)));
        assertThat(decoded).isEqualTo(buckets);
    }

    @Test
    void decodingIntoATableGivesTheSameBucketsAsDecodingToText() {
        List<SaltBucket> buckets = new ArrayList<>();
        for (int i = 0; i < 100; i++) buckets.add(StoreContractTest.sampleBucket(i, i));
        buckets.add(new SaltBucket(100, 2, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB=", 3,
                "////////////////////////////////////////////8=", new KeyMaterial(0, "", ""), null));
        buckets.add(new SaltBucket(101, 2, "", 3, "x".repeat(300), null, new KeyMaterial(5, "k", "s")));
        buckets.add(new SaltBucket(102, 2, "////////////////////////////////////////////8=", 3, "é".repeat(20), null, null));
        byte[] encoded = SaltChunkCodec.encode(buckets);

        SaltTable.Builder builder = SaltTable.builder(4);
        SaltChunkCodec.decodeInto(encoded, builder);
        SaltTable table = builder.build();

        assertThat(table.size()).isEqualTo(buckets.size());
        for (int i = 0; i < buckets.size(); i++) assertThat(table.bucket(i)).isEqualTo(buckets.get(i));
    }

    @Test
    void aTruncatedPackedSaltIsRejected() {
        byte[] encoded = SaltChunkCodec.encode(List.of(StoreContractTest.sampleBucket(7, 0)));
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 10);
        assertThatThrownBy(() -> SaltChunkCodec.decodeInto(truncated, SaltTable.builder(1)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void canonicalBase64SaltsArePacked() {
        SaltBucket b = StoreContractTest.sampleBucket(7, 0);
        assertThat(b.currentSalt()).hasSize(44);
        // format + count + id + 2 longs + flags + (tag + 32 bytes) + empty tag
        assertThat(SaltChunkCodec.encode(List.of(b))).hasSize(1 + 4 + 4 + 16 + 1 + 33 + 1);
    }
}
