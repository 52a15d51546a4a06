package org.openuid.core.crypto;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CryptoWarmUpTest {
    @Test
    void stopsAtOnceWhenItsThreadIsInterrupted() throws Exception {
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            CryptoWarmUp.run();
        });
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void runsToTheEnd() {
        CryptoWarmUp.run();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
