package org.openuid.server.admin;

/**
 * An admin API request that cannot be served, with the HTTP status and a message for the operator (docs/admin.md,
 * "Errors"): 400 invalid input, 404 unknown id, 409 conflicting state. The message never holds secrets.
 */
public final class AdminException extends RuntimeException {
    private final int status;

    public AdminException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() { return status; }

    public static AdminException badRequest(String message) { return new AdminException(400, message); }

    public static AdminException notFound(String message) { return new AdminException(404, message); }

    public static AdminException conflict(String message) { return new AdminException(409, message); }
}
