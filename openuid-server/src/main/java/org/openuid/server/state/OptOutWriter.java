package org.openuid.server.state;

import org.openuid.core.model.OptOutRecord;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Writes opt-outs to the store with group commit: one thread takes every record waiting (up to {@value #MAX_BATCH})
 * and writes them in one transaction ({@link Store#addOptOuts}, durable when it returns), puts them in this node's
 * index, then runs the after-write step (the index catching up with the store's sequence) and only then completes
 * each record's future. A future that completes normally therefore means: the opt-out is on disk and this node
 * honours it, even when the store became unreachable right after the commit (the catching up then waits for the
 * store; the records are already indexed). Concurrent opt-outs share one disk sync.
 *
 * <p>A future that is not done within {@value #MAX_WAIT_MILLIS} ms of its submission fails with a
 * {@link TimeoutException}, so a caller gets a clear "not acknowledged" instead of waiting for a database link that
 * silently drops packets (the driver's socket timeout is 60 s). The write itself carries on and commits or fails: an
 * opt-out that timed out may be durable, but one acknowledged is never missing.
 */
final class OptOutWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OptOutWriter.class);
    static final int MAX_BATCH = 500;
    static final int MAX_WAITING = 100_000;
    /** How long a caller waits for its opt-out to be durable before it is told it was not acknowledged. */
    static final long MAX_WAIT_MILLIS = 10_000;

    private record Pending(OptOutRecord record, CompletableFuture<Void> done) {}

    private final Store store;
    private final Consumer<OptOutRecord> index;
    private final Runnable afterWrite;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(MAX_WAITING);
    private final long maxWaitMillis;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param index      puts one durable record into this node's index (without its sequence number)
     * @param afterWrite catches the index up with the store's sequence
     */
    OptOutWriter(Store store, Consumer<OptOutRecord> index, Runnable afterWrite) {
        this(store, index, afterWrite, MAX_WAIT_MILLIS);
    }

    OptOutWriter(Store store, Consumer<OptOutRecord> index, Runnable afterWrite, long maxWaitMillis) {
        this.store = store;
        this.index = index;
        this.afterWrite = afterWrite;
        this.maxWaitMillis = maxWaitMillis;
        this.thread = new Thread(this::run, "openuid-optout-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a record; the future completes once it is durable and indexed, or fails (with a
     * {@link TimeoutException} when that takes longer than the writer's maximum wait). Never blocks.
     */
    CompletableFuture<Void> submit(OptOutRecord record) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Pending pending = new Pending(record, done);
        CompletableFuture.delayedExecutor(maxWaitMillis, TimeUnit.MILLISECONDS).execute(() -> done.completeExceptionally(
                new TimeoutException("the store did not confirm the opt-out within " + maxWaitMillis + " ms")));
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the opt-out writer is closed"));
        } else if (!queue.offer(pending)) {
            done.completeExceptionally(new IllegalStateException("too many opt-outs waiting to be written"));
        } else if (closed && queue.remove(pending)) {
            done.completeExceptionally(new IllegalStateException("the opt-out writer is closed"));
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (closed) break;
            } finally {
                batch.clear();
            }
        }
        failWaiting();
    }

    private void write(List<Pending> batch) {
        List<OptOutRecord> records = new ArrayList<>(batch.size());
        for (Pending p : batch) records.add(p.record());
        try {
            store.addOptOuts(records);
        } catch (RuntimeException e) {
            LOG.error("could not record {} opt-out(s): {}", batch.size(), e.toString());
            for (Pending p : batch) p.done().completeExceptionally(e);
            return;
        }
        for (OptOutRecord r : records) index.accept(r);
        try {
            afterWrite.run();
        } catch (RuntimeException e) {
            // durable and honoured here already; the poller catches up with the sequence when the store answers
            LOG.warn("opt-outs recorded and honoured by this node; catching up with the store's sequence failed: {}", e.toString());
        }
        for (Pending p : batch) p.done().complete(null);
    }

    private void failWaiting() {
        Pending p;
        while ((p = queue.poll()) != null) p.done().completeExceptionally(new IllegalStateException("shutting down"));
    }

    /** Stops taking records, writes what is already queued (for up to 10 seconds) and stops. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) thread.interrupt();
        failWaiting();
    }
}
