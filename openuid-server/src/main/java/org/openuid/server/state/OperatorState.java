package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.Snapshot;
import org.openuid.store.OptOutEntry;
import org.openuid.store.Store;
import org.openuid.store.SnapshotLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a node serves from: the current {@link Snapshot} (rebuilt when the store's change version moves) and the
 * opt-out index (tailing the store's opt-out sequence). A background poller keeps both fresh; if the store is
 * unreachable the last snapshot keeps serving and {@link #lastRefreshError()} says why.
 */
public final class OperatorState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorState.class);
    private static final int OPTOUT_BATCH = 10_000;

    private final Store store;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final OptOutIndex optOuts = new OptOutIndex();
    private final ScheduledExecutorService poller;
    private volatile String lastRefreshError;
    private volatile long lastRefreshMs;

    public OperatorState(Store store, long pollMillis) {
        this.store = store;
        reloadSnapshot();
        tailOptOuts();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openuid-state-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    public Snapshot snapshot() { return snapshot.get(); }

    public OptOutIndex optOuts() { return optOuts; }

    public Store store() { return store; }

    public String lastRefreshError() { return lastRefreshError; }

    public long lastRefreshMs() { return lastRefreshMs; }

    /** Records an opt-out durably, then makes it visible on this node at once. */
    public void addOptOut(OptOutRecord record) {
        store.addOptOut(record);
        tailOptOuts();
    }

    /** Brings snapshot and opt-outs up to date now (also called by the poller). */
    public synchronized void poll() {
        try {
            Snapshot current = snapshot.get();
            if (current == null || store.changeVersion() != current.version()) reloadSnapshot();
            tailOptOuts();
            lastRefreshError = null;
            lastRefreshMs = System.currentTimeMillis();
        } catch (RuntimeException e) {
            if (lastRefreshError == null) LOG.warn("store refresh failed, serving the last snapshot: {}", e.toString());
            lastRefreshError = e.getClass().getSimpleName();
        }
    }

    private void reloadSnapshot() {
        snapshot.set(SnapshotLoader.load(store));
        lastRefreshMs = System.currentTimeMillis();
    }

    private synchronized void tailOptOuts() {
        while (true) {
            List<OptOutEntry> batch = store.optOutsAfter(optOuts.lastSequence(), OPTOUT_BATCH);
            for (OptOutEntry e : batch) optOuts.add(e.sequence(), e.record());
            if (batch.size() < OPTOUT_BATCH) return;
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
