package org.openuid.server.state;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;
import org.openuid.store.Store;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An acknowledged opt-out is honoured by the acknowledging node even if the store stops answering right after the
 * commit; a write the store does not confirm in time is answered "not acknowledged" and still written later.
 */
class OptOutWriterTest {

    /** A store whose commit of opt-outs succeeds; every other call fails as if it had just become unreachable. */
    private static Store committingThenUnreachable() {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (method.getName().equals("addOptOuts")) return ((List<?>) args[0]).size();
            throw new IllegalStateException("connection refused");
        });
    }

    @Test
    void anAcknowledgedOptOutIsIndexedHereWhenCatchingUpWithTheStoreFails() throws Exception {
        OptOutIndex index = new OptOutIndex();
        byte[] flh = new byte[32];
        flh[0] = 7;
        byte[] raw = new byte[32];
        raw[0] = 9;
        try (OptOutWriter writer = new OptOutWriter(committingThenUnreachable(), r -> index.add(0, r),
                () -> { throw new IllegalStateException("store unreachable right after the commit"); })) {
            writer.submit(new OptOutRecord(flh, raw, 1_800_000_000L)).get(30, TimeUnit.SECONDS);
        }
        assertThat(index.optedOutSince(flh)).isEqualTo(1_800_000_000L);
        assertThat(index.optedOutSinceByRawUid(raw)).isEqualTo(1_800_000_000L);
        assertThat(index.lastSequence()).as("the store's sequence is caught up later, by the poller").isZero();
    }

    @Test
    void aWriteTheStoreDoesNotConfirmInTimeIsNotAcknowledgedAndIsWrittenWhenTheStoreAnswers() throws Exception {
        CountDownLatch linkBack = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        Store hangingLink = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (proxy, method, args) -> {
            if (!method.getName().equals("addOptOuts")) throw new IllegalStateException("unexpected call " + method.getName());
            linkBack.await(30, TimeUnit.SECONDS); // a statement waiting on a link that drops packets
            written.countDown();
            return ((List<?>) args[0]).size();
        });
        OptOutIndex index = new OptOutIndex();
        byte[] flh = new byte[32];
        flh[0] = 3;
        byte[] raw = new byte[32];
        raw[0] = 4;
        try (OptOutWriter writer = new OptOutWriter(hangingLink, r -> index.add(0, r), () -> { }, 50)) {
            CompletableFuture<Void> answer = writer.submit(new OptOutRecord(flh, raw, 1_800_000_000L));
            assertThatThrownBy(() -> answer.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TimeoutException.class)
                    .hasMessage("the store did not confirm the opt-out within 50 ms");
            linkBack.countDown();
            assertThat(written.await(30, TimeUnit.SECONDS)).as("the record is still written once the store answers").isTrue();
        }
        assertThat(index.optedOutSince(flh)).as("durable, so honoured here").isEqualTo(1_800_000_000L);
    }
}
