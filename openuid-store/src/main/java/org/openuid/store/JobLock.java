package org.openuid.store;

import java.time.Duration;
import java.util.Optional;

/**
 * Mutual exclusion between the nodes that share one store, for work that must run on one node at a time
 * (scheduled key and salt rotation, first-start bootstrap).
 *
 * <p>On PostgreSQL a lock is a session-level advisory lock ({@code pg_try_advisory_lock}) taken on a dedicated
 * connection that stays open while the lock is held; the lock key is derived from the lock name and the schema, so
 * deployments sharing one database in different schemas do not block each other. If the holder dies or loses its
 * connection, PostgreSQL releases the lock. On the embedded store, which one process owns, it is a lock inside the
 * JVM.
 */
public interface JobLock {

    /** Takes the lock if nobody holds it; empty when another node (or thread) holds it. */
    Optional<Held> tryAcquire(String name);

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @throws StoreException when the lock cannot be taken in time or the database fails
     */
    Held acquire(String name, Duration timeout);

    /** A lock this node holds until {@link #close()}. */
    interface Held extends AutoCloseable {
        String name();

        /** False once the lock may have been lost (on PostgreSQL: the lock's connection broke). */
        boolean isValid();

        /** Releases the lock; safe to call more than once. */
        @Override
        void close();
    }
}
