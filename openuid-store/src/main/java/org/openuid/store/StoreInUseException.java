package org.openuid.store;

/**
 * The embedded store is open in another process (a running node, or another command): H2 lets one process open
 * its file at a time, and nothing but that process can reach it.
 */
public class StoreInUseException extends StoreException {
    private final String store;

    public StoreInUseException(String store, Throwable cause) {
        super("the store " + store + " is in use by another process (a running node?): stop it first", cause);
        this.store = store;
    }

    /** The store as the user named it (for messages). */
    public String store() { return store; }
}
