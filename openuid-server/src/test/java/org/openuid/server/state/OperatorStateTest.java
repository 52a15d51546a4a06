package org.openuid.server.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Site;
import org.openuid.store.Store;
import org.openuid.store.StoreException;
import org.openuid.store.Stores;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** What a node holds while its store cannot be read in full. */
class OperatorStateTest {
    static final long NOW_MS = 1_780_308_000_000L;

    @TempDir
    Path dir;

    @Test
    void optOutsKeepArrivingWhileTheSnapshotCannotBeReloaded() throws Exception {
        try (Store real = Stores.open(dir.toString())) {
            Bootstrap.bootstrapIfEmpty(real, BootstrapOptions.defaults().withSaltBucketCount(16), NOW_MS);
            AtomicBoolean unreadable = new AtomicBoolean();
            Store store = (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class}, (p, m, args) -> {
                if (m.getName().equals("loadAll") && unreadable.get())
                    throw new StoreException("a sealed secret cannot be opened: wrong secrets key", null);
                try {
                    return m.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
            try (OperatorState state = new OperatorState(store, 3_600_000)) {
                long version = state.snapshot().version();
                unreadable.set(true);
                real.upsertSite(new Site(200, "another", true, null, null, NOW_MS / 1000));
                byte[] hash = new byte[32];
                Arrays.fill(hash, (byte) 7);
                real.addOptOut(new OptOutRecord(hash, new byte[32], NOW_MS / 1000));

                state.poll();

                assertThat(state.optOuts().optedOutSince(hash)).as("the opt-out is honoured").isPositive();
                assertThat(state.snapshot().version()).as("the last snapshot is served").isEqualTo(version);
                assertThat(state.lastRefreshError()).isEqualTo("StoreException");

                unreadable.set(false);
                state.poll();
                assertThat(state.snapshot().version()).isGreaterThan(version);
                assertThat(state.lastRefreshError()).isNull();
            }
        }
    }
}
