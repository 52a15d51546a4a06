package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.Snapshot;
import org.openuid.server.config.StoreSyncSettings;
import org.openuid.store.ChangeFeed;
import org.openuid.store.OptOutEntry;
import org.openuid.store.Store;
import org.openuid.store.SnapshotLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * What a node serves from: the current {@link Snapshot} (rebuilt when the store's change version moves) and the
 * opt-out index (tailing the store's opt-out sequence). A background poller keeps both fresh; change notifications
 * from the store ({@link Store#watch}: PostgreSQL LISTEN/NOTIFY across nodes) wake it at once, so a change made
 * through any node is in effect everywhere within milliseconds, and within one poll interval without them. If the
 * store is unreachable the last snapshot keeps serving, {@link #lastRefreshError()} says why and {@link #health()}
 * reports the node degraded, until the keys or salts it holds expire (docs/deployment.md).
 */
public final class OperatorState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorState.class);
    private static final int OPTOUT_BATCH = 10_000;

    private final Store store;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
    private final OptOutIndex optOuts = new OptOutIndex();
    private final Object optOutTail = new Object();
    private final OptOutWriter optOutWriter;
    private final ScheduledExecutorService poller;
    private volatile String lastRefreshError;
    private volatile long lastRefreshMs;
    private final long pollMillis;
    private final long maxStalenessMs;
    private final LongSupplier clock;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ChangeFeed changes;
    private volatile long lastRefreshNanos = System.nanoTime();
    /** The last key check of {@link #health()} (racy by design: any thread may replace it with an equal one). */
    private volatile NodeHealth.KeyCheck keyCheck;
    private volatile long failingSinceMs = -1;
    private volatile boolean draining;

    /** Polling only, salts never expire from staleness (tools and tests). */
    public OperatorState(Store store, long pollMillis) {
        this(store, pollMillis, new StoreSyncSettings(false, Integer.MAX_VALUE), System::currentTimeMillis);
    }

    /**
     * @param sync  whether to listen for change notifications, and when held salts expire
     * @param clock the business clock (key activation and expiry in {@link #health()})
     */
    public OperatorState(Store store, long pollMillis, StoreSyncSettings sync, LongSupplier clock) {
        this.store = store;
        this.pollMillis = pollMillis;
        this.maxStalenessMs = sync.maxStalenessMillis();
        this.clock = clock;
        reloadSnapshot();
        tailOptOuts();
        this.optOutWriter = new OptOutWriter(store, r -> optOuts.add(0, r), this::tailOptOuts);
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openuid-state-poller");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
        this.changes = sync.notifications() ? store.watch(change -> wake()) : null;
    }

    public Snapshot snapshot() { return snapshot.get(); }

    public OptOutIndex optOuts() { return optOuts; }

    public Store store() { return store; }

    /** From now on the readiness check answers "not ready" (the node is stopping); requests are still served. */
    public void beginDraining() { draining = true; }

    /** Whether the node is stopping: load balancers should send it no new requests. */
    public boolean draining() { return draining; }

    public String lastRefreshError() { return lastRefreshError; }

    public long lastRefreshMs() { return lastRefreshMs; }

    /** Whether this node serves normally, serves degraded from its last snapshot, or fails closed. */
    public NodeHealth health() {
        Snapshot s = snapshot.get();
        NodeHealth.KeyCheck keys = null;
        if (s != null) {
            long second = Math.floorDiv(clock.getAsLong(), 1000L);
            keys = keyCheck;
            if (keys == null || !keys.isFor(s, second)) keyCheck = keys = NodeHealth.KeyCheck.of(s, second);
        }
        return NodeHealth.assess(s, keys, (System.nanoTime() - lastRefreshNanos) / 1_000_000,
                lastRefreshMs, failingSinceMs, changes != null && !changes.connected(), pollMillis, maxStalenessMs);
    }

    /** True when change notifications are on and currently delivered; false when off or disconnected. */
    public boolean changeNotificationsConnected() {
        return changes != null && changes.connected();
    }

    /** Asks the poller to look at the store now (coalesced: at most one extra poll is queued). */
    private void wake() {
        if (!wakePending.compareAndSet(false, true)) return;
        try {
            poller.execute(() -> {
                wakePending.set(false);
                poll();
            });
        } catch (RejectedExecutionException e) {
            wakePending.set(false);
        }
    }

    /**
     * Records an opt-out: the future completes once the record is durable in the store and honoured by this node
     * (concurrent opt-outs share one transaction and disk sync), or fails. Never blocks.
     */
    public CompletableFuture<Void> recordOptOut(OptOutRecord record) {
        return optOutWriter.submit(record);
    }

    /** Records an opt-out durably, then makes it visible on this node at once (blocking form of {@link #recordOptOut}). */
    public void addOptOut(OptOutRecord record) {
        try {
            recordOptOut(record).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Brings snapshot and opt-outs up to date now (also called by the poller). Opt-outs are taken even when the snapshot
     * cannot be reloaded (its data cannot be read, e.g. a value sealed under a key this node lacks): they do not depend
     * on it, and a node that serves its last snapshot must still honour every opt-out recorded since.
     */
    public synchronized void poll() {
        RuntimeException failure = null;
        try {
            Snapshot current = snapshot.get();
            if (current == null || store.changeVersion() != current.version()) reloadSnapshot();
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            tailOptOuts();
        } catch (RuntimeException e) {
            if (failure == null) failure = e;
        }
        if (failure == null) {
            if (failingSinceMs >= 0) LOG.info("store reachable again, data current");
            lastRefreshError = null;
            failingSinceMs = -1;
            lastRefreshMs = System.currentTimeMillis();
            lastRefreshNanos = System.nanoTime();
        } else {
            if (lastRefreshError == null) LOG.warn("store refresh failed, serving the last snapshot: {}", failure.toString());
            if (failingSinceMs < 0) failingSinceMs = System.currentTimeMillis();
            lastRefreshError = failure.getClass().getSimpleName();
        }
    }

    private void reloadSnapshot() {
        snapshot.set(SnapshotLoader.load(store));
        lastRefreshMs = System.currentTimeMillis();
        lastRefreshNanos = System.nanoTime();
    }

    /** Indexes every opt-out appended since the last call (own lock, so a snapshot reload does not delay it). */
    private void tailOptOuts() {
        synchronized (optOutTail) {
            while (true) {
                List<OptOutEntry> batch = store.optOutsAfter(optOuts.lastSequence(), OPTOUT_BATCH);
                for (OptOutEntry e : batch) optOuts.add(e.sequence(), e.record());
                if (batch.size() < OPTOUT_BATCH) return;
            }
        }
    }

    @Override
    public void close() {
        if (changes != null) changes.close();
        poller.shutdownNow();
        optOutWriter.close();
    }
}
