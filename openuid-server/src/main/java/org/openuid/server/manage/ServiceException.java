package org.openuid.server.manage;

/**
 * A change or a read that the services of this package refuse, with a message for the operator that never holds
 * secrets. The admin API answers {@link Kind#INVALID} as 400, {@link Kind#NOT_FOUND} as 404, {@link Kind#CONFLICT}
 * as 409 and {@link Kind#FAILED} as 500 (docs/admin.md, "Errors"); the command line prints the message.
 */
public final class ServiceException extends RuntimeException {
    /** Why the request was refused. */
    public enum Kind {
        /** Invalid input. */
        INVALID,
        /** An unknown id. */
        NOT_FOUND,
        /** Conflicting state (already exists, held by another node, not set up). */
        CONFLICT,
        /** The operation ran and failed; the operator log says why. */
        FAILED
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() { return kind; }

    public static ServiceException invalid(String message) { return new ServiceException(Kind.INVALID, message); }

    public static ServiceException notFound(String message) { return new ServiceException(Kind.NOT_FOUND, message); }

    public static ServiceException conflict(String message) { return new ServiceException(Kind.CONFLICT, message); }

    public static ServiceException failed(String message) { return new ServiceException(Kind.FAILED, message); }
}
