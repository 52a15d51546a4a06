package org.openuid.server.state;

import org.junit.jupiter.api.Test;
import org.openuid.core.model.OptOutRecord;
import org.openuid.store.Store;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An acknowledged opt-out is honoured by the acknowledging node even if the store stops answering right after the commit. */
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
}
