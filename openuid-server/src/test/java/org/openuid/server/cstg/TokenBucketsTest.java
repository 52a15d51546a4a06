package org.openuid.server.cstg;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {
    @Test
    void burstThenRefillAtTheRate() {
        AtomicLong now = new AtomicLong(1_000_000);
        TokenBuckets<String> b = new TokenBuckets<>(2, 3, now::get, 100);
        for (int i = 0; i < 3; i++) assertThat(b.tryAcquire("a")).isTrue();
        assertThat(b.tryAcquire("a")).isFalse();
        assertThat(b.tryAcquire("b")).isTrue();
        now.addAndGet(499);
        assertThat(b.tryAcquire("a")).isFalse();
        now.addAndGet(1);
        assertThat(b.tryAcquire("a")).isTrue();
        assertThat(b.tryAcquire("a")).isFalse();
        now.addAndGet(100_000);
        for (int i = 0; i < 3; i++) assertThat(b.tryAcquire("a")).isTrue();
        assertThat(b.tryAcquire("a")).isFalse();
    }

    @Test
    void clockGoingBackwardsAddsNothing() {
        AtomicLong now = new AtomicLong(1_000_000);
        TokenBuckets<String> b = new TokenBuckets<>(1, 1, now::get, 100);
        assertThat(b.tryAcquire("a")).isTrue();
        now.addAndGet(-5000);
        assertThat(b.tryAcquire("a")).isFalse();
    }

    @Test
    void zeroRateIsOff() {
        TokenBuckets<String> b = new TokenBuckets<>(0, 0, () -> 0, 100);
        for (int i = 0; i < 1000; i++) assertThat(b.tryAcquire("a")).isTrue();
        assertThat(b.enabled()).isFalse();
        assertThat(b.size()).isZero();
    }

    @Test
    void idleBucketsAreDroppedWhenTheMapIsFull() {
        AtomicLong now = new AtomicLong(0);
        TokenBuckets<Integer> b = new TokenBuckets<>(10, 1, now::get, 10);
        for (int i = 0; i < 10; i++) assertThat(b.tryAcquire(i)).isTrue();
        assertThat(b.size()).isEqualTo(10);
        now.addAndGet(1000); // all refilled = idle
        assertThat(b.tryAcquire(100)).isTrue();
        assertThat(b.size()).isEqualTo(1);
        // a busy map that cannot be swept is cleared rather than growing without bound
        for (int i = 0; i < 9; i++) assertThat(b.tryAcquire(200 + i)).isTrue();
        assertThat(b.tryAcquire(300)).isTrue();
        assertThat(b.size()).isLessThanOrEqualTo(10);
    }
}
