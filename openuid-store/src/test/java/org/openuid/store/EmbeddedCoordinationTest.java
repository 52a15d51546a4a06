package org.openuid.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.model.Site;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Job locks and change notifications on the embedded store, which one process owns. */
class EmbeddedCoordinationTest {
    @TempDir
    Path dir;

    @Test
    void jobLockIsExclusivePerStoreAndName() {
        try (JdbcStore store = Stores.open(dir.resolve("one").toString());
             JdbcStore other = Stores.open(dir.resolve("two").toString())) {
            Optional<JobLock.Held> held = store.jobLock().tryAcquire("rotation");
            assertThat(held).isPresent();
            assertThat(held.get().isValid()).isTrue();
            assertThat(store.jobLock().tryAcquire("rotation")).isEmpty();
            assertThatThrownBy(() -> store.jobLock().acquire("rotation", Duration.ofMillis(50)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("timed out");
            try (JobLock.Held otherName = store.jobLock().tryAcquire("other").orElseThrow();
                 JobLock.Held otherStore = other.jobLock().tryAcquire("rotation").orElseThrow()) {
                assertThat(otherName.isValid()).isTrue();
                assertThat(otherStore.isValid()).isTrue();
            }
            held.get().close();
            held.get().close();
            assertThat(held.get().isValid()).isFalse();
            try (JobLock.Held again = store.jobLock().acquire("rotation", Duration.ofSeconds(1))) {
                assertThat(again.name()).isEqualTo("rotation");
            }
        }
    }

    @Test
    void twoStoreObjectsOnTheSameFileShareLocks() {
        try (JdbcStore first = Stores.open(dir.toString()); JdbcStore second = Stores.open(dir.toString())) {
            try (JobLock.Held held = first.jobLock().tryAcquire("rotation").orElseThrow()) {
                assertThat(second.jobLock().tryAcquire("rotation")).isEmpty();
            }
            second.jobLock().tryAcquire("rotation").orElseThrow().close();
        }
    }

    @Test
    void writesThroughTheStoreAreReportedToItsListeners() {
        try (JdbcStore store = Stores.open(dir.toString())) {
            List<ChangeListener.Change> seen = new CopyOnWriteArrayList<>();
            try (ChangeFeed feed = store.watch(seen::add)) {
                assertThat(feed.connected()).isTrue();
                store.upsertSite(new Site(101, "site", true, List.of(), List.of(), 0));
                store.addOptOut(new OptOutRecord(new byte[32], new byte[32], 1));
                assertThat(seen).containsExactly(ChangeListener.Change.SNAPSHOT, ChangeListener.Change.OPT_OUTS);
            }
            store.upsertSite(new Site(102, "site", true, List.of(), List.of(), 0));
            assertThat(seen).hasSize(2);
        }
    }

    @Test
    void aFailingListenerDoesNotFailTheWrite() {
        try (JdbcStore store = Stores.open(dir.toString()); ChangeFeed feed = store.watch(c -> {
            throw new IllegalStateException("listener bug");
        })) {
            store.upsertSite(new Site(101, "site", true, List.of(), List.of(), 0));
            assertThat(store.site(101)).isPresent();
        }
    }
}
