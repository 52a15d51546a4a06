package org.openuid.bench.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JitQuietTest {
    private long now;
    private double compiler;

    private JitQuiet quiet() {
        return new JitQuiet(() -> compiler, () -> now);
    }

    /** Advances the clock by a quarter of a second in which the compilers used {@code share} of a core. */
    private void quarter(double share) {
        now += TimeUnit.MILLISECONDS.toNanos(250);
        compiler += 0.25 * share;
    }

    @Test
    void quietOnlyAfterASecondOfSamplesWithLittleCompilation() {
        JitQuiet q = quiet();
        assertThat(q.quiet()).isFalse(); // one sample spans no time
        for (int i = 0; i < 3; i++) {
            quarter(0);
            assertThat(q.quiet()).isFalse(); // less than a second so far
        }
        quarter(0.01);
        assertThat(q.quiet()).isTrue();
    }

    @Test
    void busyCompilersKeepItWaitingUntilTheyHaveBeenQuietForASecond() {
        JitQuiet q = quiet();
        q.quiet();
        for (int i = 0; i < 20; i++) {
            quarter(0.5);
            assertThat(q.quiet()).isFalse();
        }
        quarter(0);
        assertThat(q.quiet()).isFalse();
        quarter(0);
        quarter(0);
        q.quiet();
        quarter(0);
        assertThat(q.quiet()).isTrue(); // the last second without compilation
    }

    @Test
    void unknownCompilerTimeCountsAsQuiet() {
        assertThat(new JitQuiet(() -> Double.NaN, () -> now).quiet()).isTrue();
    }
}
