package org.openuid.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocationRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void sumsEachThreadsGrowthOverTheWholeWindow() {
        AllocationRate r = new AllocationRate();
        r.add(1, 10 * SECOND, 1_000);
        r.add(2, 10 * SECOND, 50);
        r.add(1, 12 * SECOND, 5_000);
        r.add(2, 12 * SECOND, 250);
        // 4,000 + 200 bytes in 2 s
        assertEquals(2_100.0, r.bytesPerSecond(), 1e-9);
    }

    @Test
    void readingsMayArriveInAnyOrder() {
        AllocationRate r = new AllocationRate();
        r.add(1, 14 * SECOND, 9_000);
        r.add(1, 10 * SECOND, 1_000);
        r.add(1, 12 * SECOND, 5_000);
        assertEquals(2_000.0, r.bytesPerSecond(), 1e-9);
    }

    @Test
    void aThreadReadOnceAddsNothing() {
        AllocationRate r = new AllocationRate();
        r.add(1, 10 * SECOND, 1_000);
        r.add(1, 11 * SECOND, 2_000);
        r.add(7, 11 * SECOND, 1_000_000);
        assertEquals(1_000.0, r.bytesPerSecond(), 1e-9);
    }

    @Test
    void noRateWithoutTwoReadingsApart() {
        AllocationRate r = new AllocationRate();
        assertEquals(0.0, r.bytesPerSecond());
        r.add(1, 10 * SECOND, 1_000);
        r.add(2, 10 * SECOND, 2_000);
        assertEquals(0.0, r.bytesPerSecond());
    }
}
