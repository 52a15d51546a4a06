package org.openuid.core.service;

import org.junit.jupiter.api.Test;
import org.openuid.core.uid.BucketIdEncoder;
import org.openuid.core.uid.SaltTable;
import org.openuid.core.uid.TestSalts;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** since_timestamp parsing, selection and last_updated text (endpoints.md §10, keys-and-data.md §6.4). */
class IdentityBucketsTest {
    private final SaltTable table = TestSalts.load();

    @Test
    void parsesLocalDateTimesAsUtc() {
        assertThat(IdentityBuckets.parseSince("2020-01-01T00:00:00")).hasValue(1577836800000L);
        assertThat(IdentityBuckets.parseSince("2022-06-05T22:52:03.109")).hasValue(1654469523109L);
        assertThat(IdentityBuckets.parseSince("2022-06-05T22:52:03.1")).hasValue(1654469523100L);
        assertThat(IdentityBuckets.parseSince("2022-06-05T22:52:03.109999999")).hasValue(1654469523109L);
        assertThat(IdentityBuckets.parseSince("2022-06-05T22:52")).hasValue(1654469520000L);
    }

    @Test
    void rejectsEverythingElse() {
        for (String bad : new String[]{"", "2022-06-05", "2022-06-05T22:52:03Z", "2022-06-05T22:52:03+01:00",
                "2022-06-05 22:52:03", "1654469523", "2022-13-01T00:00:00", "2022-02-30T00:00:00", "yesterday",
                " 2022-06-05T22:52:03", "2022-06-05T22:52:03.1234567890"}) {
            assertThat(IdentityBuckets.parseSince(bad)).as(bad).isEmpty();
        }
        assertThat(IdentityBuckets.parseSince(null)).isEmpty();
    }

    @Test
    void formatsWithExactlyThreeFractionDigits() {
        assertThat(IdentityBuckets.formatLastUpdated(0)).isEqualTo("1970-01-01T00:00:00.000");
        assertThat(IdentityBuckets.formatLastUpdated(1654469523109L)).isEqualTo("2022-06-05T22:52:03.109");
        assertThat(IdentityBuckets.formatLastUpdated(1654469523009L)).isEqualTo("2022-06-05T22:52:03.009");
        assertThat(IdentityBuckets.formatLastUpdated(-1)).isEqualTo("1969-12-31T23:59:59.999");
        assertThat(IdentityBuckets.formatLastUpdated(253402300799999L)).isEqualTo("9999-12-31T23:59:59.999");
        assertThat(IdentityBuckets.formatLastUpdated(253402300800000L)).isEqualTo("+10000-01-01T00:00:00.000");
    }

    @Test
    void testDataSince2020GivesTheSpecBodyInFileOrder() {
        BucketIdEncoder ids = new BucketIdEncoder("b", "HF6Qz42HBbVHINxhh191dB09BCuTWyBkNtrNicO4ZCw=");
        List<String> out = new ArrayList<>();
        IdentityBuckets.forEachUpdatedSince(table, IdentityBuckets.parseSince("2020-01-01T00:00:00").getAsLong(),
                i -> out.add(ids.encode(table.bucketId(i)) + " " + IdentityBuckets.formatLastUpdated(table.lastUpdated(i))));
        assertThat(out).containsExactly(
                "bKaoveQoPR 2027-03-30T00:00:00.001",
                "b1aZVGl7aB 2026-08-17T00:00:00.001",
                "bv3WM92zaA 2026-12-30T00:00:00.001",
                "bl5yy6kr58 2026-11-30T00:00:00.001",
                "be58Mjz13q 2027-05-29T00:00:00.001");
    }

    @Test
    void selectionIsInclusiveAtTheMillisecond() {
        long row3 = table.lastUpdated(3); // 2026-11-30T00:00:00.001
        List<Integer> at = new ArrayList<>();
        IdentityBuckets.forEachUpdatedSince(table, row3, at::add);
        assertThat(at).containsExactly(0, 2, 3, 4);
        List<Integer> after = new ArrayList<>();
        IdentityBuckets.forEachUpdatedSince(table, row3 + 1, after::add);
        assertThat(after).containsExactly(0, 2, 4);
        List<Integer> none = new ArrayList<>();
        IdentityBuckets.forEachUpdatedSince(table, Long.MAX_VALUE, none::add);
        assertThat(none).isEmpty();
    }
}
