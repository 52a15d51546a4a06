package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
    void canonicalBase64SaltsArePacked() {
        SaltBucket b = StoreContractTest.sampleBucket(7, 0);
        assertThat(b.currentSalt()).hasSize(44);
        // format + count + id + 2 longs + flags + (tag + 32 bytes) + empty tag
        assertThat(SaltChunkCodec.encode(List.of(b))).hasSize(1 + 4 + 4 + 16 + 1 + 33 + 1);
    }
}
