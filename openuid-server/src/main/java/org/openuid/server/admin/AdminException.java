package org.openuid.server.admin;

/**
 * An admin API request refused before any service is called, with the HTTP status and a message for the operator
 * (docs/admin.md, "Errors"): 400 a malformed request, 403 a credential not allowed here, 404 an unknown path id or a
 * route not served in this mode, 409 missing set-up. The services' own refusals are
 * {@link org.openuid.server.manage.ServiceException}s. The message never holds secrets.
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
