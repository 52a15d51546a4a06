package org.openuid.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link JobLock} for the embedded store: one permit per (store, lock name) inside this JVM. Not tied to a thread,
 * so a lock taken by one thread may be released by another.
 */
final class InProcessJobLock implements JobLock {

    private static final ConcurrentHashMap<String, Semaphore> LOCKS = new ConcurrentHashMap<>();

    private final String scope;

    /** @param scope identifies the store (its JDBC URL); locks of different scopes are independent */
    InProcessJobLock(String scope) {
        this.scope = scope;
    }

    @Override
    public Optional<Held> tryAcquire(String name) {
        Semaphore s = semaphore(name);
        return s.tryAcquire() ? Optional.of(new HeldPermit(name, s)) : Optional.empty();
    }

    @Override
    public Held acquire(String name, Duration timeout) {
        Semaphore s = semaphore(name);
        try {
            if (!s.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new StoreException("timed out waiting for the lock '" + name + "'", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the lock '" + name + "'", e);
        }
        return new HeldPermit(name, s);
    }

    private Semaphore semaphore(String name) {
        return LOCKS.computeIfAbsent(scope + "\n" + name, k -> new Semaphore(1));
    }

    private record HeldPermit(String name, Semaphore semaphore, AtomicBoolean released) implements Held {
        HeldPermit(String name, Semaphore semaphore) {
            this(name, semaphore, new AtomicBoolean());
        }

        @Override
        public boolean isValid() {
            return !released.get();
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) semaphore.release();
        }
    }
}
