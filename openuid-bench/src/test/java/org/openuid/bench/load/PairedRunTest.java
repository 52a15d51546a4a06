package org.openuid.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PairedRunTest {
    @Test
    void ratiosArePerPairAndTheShareIsTheirMedian() {
        PairedRun p = new PairedRun("java-17", "generate", "http-floor", 3, new double[]{100, 50, 80, 90},
                new double[]{70, 34, 60, 60}, 0, 0);
        assertThat(p.ratios()).containsExactly(0.7, 0.68, 0.75, 60.0 / 90);
        assertThat(p.medianRatio()).isCloseTo((0.68 + 0.7) / 2, within(1e-12));
        assertThat(p.valid()).isTrue();
        assertThat(p.toJson().path("median_ratio").asDouble()).isEqualTo(p.medianRatio());
        assertThat(p.toJson().path("ratios").size()).isEqualTo(4);
    }

    @Test
    void oddCountsTakeTheMiddleAndNoPairsIsNaN() {
        assertThat(PairedRun.median(new double[]{3, 1, 2})).isEqualTo(2);
        assertThat(PairedRun.median(new double[0])).isNaN();
    }

    @Test
    void theOrderAlternatesSoThatADriftFavoursNeither() {
        assertThat(PairedRun.baseFirst(0)).isTrue();
        assertThat(PairedRun.baseFirst(1)).isFalse();
        assertThat(PairedRun.baseFirst(2)).isTrue();
    }

    @Test
    void anyAnswerOtherThan200MakesItInvalid() {
        PairedRun p = new PairedRun("java-17", "refresh", "http-floor", 3, new double[]{1}, new double[]{1}, 1, 0);
        assertThat(p.valid()).isFalse();
        assertThat(p.summary()).contains("INVALID");
        assertThat(new PairedRun("l", "s", "b", 3, new double[0], new double[0], 0, 0).valid()).isFalse();
    }
}
