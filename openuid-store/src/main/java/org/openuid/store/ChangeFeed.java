package org.openuid.store;

/** A registration made with {@link Store#watch}; closing it stops the notifications. */
public interface ChangeFeed extends AutoCloseable {

    /**
     * True while changes made by other nodes are being delivered: always on the embedded store, on PostgreSQL while
     * the dedicated {@code LISTEN} connection is up.
     */
    boolean connected();

    @Override
    void close();
}
