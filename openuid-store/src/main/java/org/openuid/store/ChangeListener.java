package org.openuid.store;

/**
 * Told soon after a change to the store is committed, by this process or (on PostgreSQL) by any node. A hint only:
 * notifications can be lost (a broken connection, a restart), so readers keep polling as a safety net and treat a
 * notification as "look now". Called on a store thread: must return quickly and never throw.
 */
@FunctionalInterface
public interface ChangeListener {

    /** What changed. */
    enum Change {
        /** Snapshot data: sites, clients, keysets, keys, keypairs, salts or runtime config ({@code change_version}). */
        SNAPSHOT,
        /** New opt-outs were appended. */
        OPT_OUTS
    }

    void changed(Change change);
}
