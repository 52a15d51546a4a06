package org.openuid.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationRateTest {
    private static final long SECOND = 1_000_000_000L;

    /** Readings of {thread, seconds, bytes allocated so far}. */
    private static double rate(long[]... readings) {
        AllocationRate r = new AllocationRate();
        for (long[] x : readings) r.add(x[0], x[1] * SECOND, x[2]);
        return r.bytesPerSecond();
    }

    @Test
    void sumsEachThreadsGrowthOverTheWholeWindow() {
        // 4,000 + 200 bytes in 2 s
        assertEquals(2_100.0, rate(new long[]{1, 10, 1_000}, new long[]{2, 10, 50},
                new long[]{1, 12, 5_000}, new long[]{2, 12, 250}), 1e-9);
    }

    @Test
    void readingsMayArriveInAnyOrder() {
        assertEquals(2_000.0, rate(new long[]{1, 14, 9_000}, new long[]{1, 10, 1_000}, new long[]{1, 12, 5_000}), 1e-9);
    }

    @Test
    void aThreadReadOnceAddsNothing() {
        assertEquals(1_000.0, rate(new long[]{1, 10, 1_000}, new long[]{1, 11, 2_000}, new long[]{7, 11, 1_000_000}), 1e-9);
    }

    @Test
    void noRateWithoutTwoReadingsApart() {
        assertEquals(0.0, rate());
        assertEquals(0.0, rate(new long[]{1, 10, 1_000}, new long[]{2, 10, 2_000}));
    }
}
