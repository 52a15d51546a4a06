package org.openuid.core.uid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** keys-and-data.md §6.3. */
class BucketIdEncoderTest {
    private static final String SECRET = "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw=";
    private final BucketIdEncoder encoder = new BucketIdEncoder("b", SECRET);

    @ParameterizedTest
    @CsvSource({
            "0, byLKaod5RD",
            "1, bVg1aZMPB0",
            "2, bGNv3W0PAe",
            "1000000, bKaoveQoPR",
            "1000001, b1aZVGl7aB",
            "1000002, bv3WM92zaA",
            "1000003, bl5yy6kr58",
            "1000004, be58Mjz13q",
            "1048575, bka0r2EG3X",
            "9000099, bAaXNp6gB3",
    })
    void verifiedBucketIds(long id, String expected) {
        assertThat(encoder.encode(id)).isEqualTo(expected);
    }

    @Test
    void genericHashidsSanityCheck() {
        BucketIdEncoder plain = new BucketIdEncoder("", "this is my salt", 8);
        assertThat(plain.encode(1)).isEqualTo("gB0NV05e");
        assertThat(plain.encode(12345)).isEqualTo("B0NkK9A5");
    }

    @Test
    void idsAreDistinctAndAtLeastMinLength() {
        Set<String> seen = new HashSet<>();
        for (long id = 0; id < 20000; id++) {
            String s = encoder.encode(id);
            assertThat(s).startsWith("b");
            assertThat(s.length()).isGreaterThanOrEqualTo(10);
            assertThat(seen.add(s)).isTrue();
        }
        assertThat(encoder.encode(Long.MAX_VALUE)).startsWith("b").hasSizeGreaterThan(10);
    }

    @Test
    void directTextEqualsTheReferenceAlgorithm() {
        for (long id = 0; id < 1_100_000; id++) assertWritesReference(encoder, id);
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 100_000; i++) assertWritesReference(encoder, random.nextLong() & Long.MAX_VALUE);
        for (int i = 0; i < 200_000; i++) assertWritesReference(encoder, random.nextInt() & Integer.MAX_VALUE);
        for (long p = 1; p < Integer.MAX_VALUE; p *= 44) {
            for (long id = p - 2; id <= p + 2; id++) if (id >= 0) assertWritesReference(encoder, id);
        }
        for (long id : new long[]{Integer.MAX_VALUE - 1L, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 1L << 40, Long.MAX_VALUE}) {
            assertWritesReference(encoder, id);
        }
        BucketIdEncoder plain = new BucketIdEncoder("", "this is my salt", 8);
        BucketIdEncoder noPadding = new BucketIdEncoder("", "this is my salt", 0);
        BucketIdEncoder long16 = new BucketIdEncoder("", "x", 16);
        BucketIdEncoder beyondScratch = new BucketIdEncoder("", "x", 20);
        for (long id = 0; id < 20_000; id++) {
            assertWritesReference(plain, id);
            assertWritesReference(noPadding, id);
            assertWritesReference(long16, id);
            assertThat(beyondScratch.encode(id)).isEqualTo(beyondScratch.hashids(id));
        }
    }

    private static void assertWritesReference(BucketIdEncoder e, long id) {
        byte[] out = new byte[5 + BucketIdEncoder.WRITE_ROOM];
        int n = e.writeHashids(id, out, 5);
        String text = new String(out, 5, n, java.nio.charset.StandardCharsets.US_ASCII);
        if (!text.equals(e.hashids(id))) assertThat(text).as("id %d", id).isEqualTo(e.hashids(id));
    }

    @Test
    void rejectsNegative() {
        assertThatThrownBy(() -> encoder.encode(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeHashids(-1, new byte[32], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.writeHashids(1, new byte[40], 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
