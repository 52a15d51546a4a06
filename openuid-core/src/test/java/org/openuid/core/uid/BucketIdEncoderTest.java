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
    void rejectsNegative() {
        assertThatThrownBy(() -> encoder.encode(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
