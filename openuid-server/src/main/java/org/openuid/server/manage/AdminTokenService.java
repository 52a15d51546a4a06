package org.openuid.server.manage;

import org.openuid.server.config.OperatorConfig;
import org.openuid.store.AdminToken;
import org.openuid.store.AdminTokens;
import org.openuid.store.JobLock;
import org.openuid.store.NewAdminToken;
import org.openuid.store.Store;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Admin tokens (docs/admin.md, "Admin token"): a node that finds no enabled admin token in the store creates one,
 * prints it once and writes it to the credentials file ({@code admin_token}); {@link #reset} replaces every token with
 * a new one for an operator who lost it ({@code openuid admin token reset}, directly on the store or through the
 * admin API of the node that holds it). Both are audited as local changes.
 */
public final class AdminTokenService {
    static final String LOCK = "admin-token";
    private static final Duration LOCK_WAIT = Duration.ofMinutes(1);

    private final Store store;

    public AdminTokenService(Store store) { this.store = store; }

    /** Creates, prints and saves a token when the store has no enabled one; @return it, or null when one exists. */
    public NewAdminToken ensureToken(OperatorConfig config, long nowMs, PrintStream out) {
        if (hasEnabledToken()) return null;
        NewAdminToken created;
        try (JobLock.Held lock = store.jobLock().acquire(LOCK, LOCK_WAIT)) {
            if (hasEnabledToken()) return null;
            created = AdminTokens.create("initial admin token", Math.floorDiv(nowMs, 1000L));
            store.upsertAdminToken(created.record());
            new AuditLog(store, () -> nowMs).record(AdminPrincipal.LOCAL, "admin_token.create", "admin_token",
                    created.record().tokenId(), Jackson.object().put("reason", "no enabled admin token at start"));
        }
        Path file = config.credentialsPath();
        boolean saved = saveToCredentialsFile(file, created.token(), out);
        String where = config.admin().enabled() ? " for the admin API and console on " + config.admin().bindHost() + ":"
                + (config.admin().port() == 0 ? "<any free port>" : config.admin().port()) : "";
        out.println("Admin token" + where + (saved ? " (also written to " + file.toAbsolutePath().normalize() + ")" : "")
                + "; shown only this once:");
        out.println(created.token());
        return created;
    }

    /** Disables every admin token and creates a new enabled one; the change is audited as a local action. */
    public NewAdminToken reset(String name, long nowMs) {
        try (JobLock.Held lock = store.jobLock().acquire(LOCK, LOCK_WAIT)) {
            int disabled = 0;
            for (AdminToken t : store.adminTokens()) {
                if (!t.disabled()) {
                    store.upsertAdminToken(t.withDisabled(true));
                    disabled++;
                }
            }
            NewAdminToken created = AdminTokens.create(name == null || name.isBlank() ? "reset admin token" : name.trim(),
                    Math.floorDiv(nowMs, 1000L));
            store.upsertAdminToken(created.record());
            new AuditLog(store, () -> nowMs).record(AdminPrincipal.LOCAL, "admin_token.reset", "admin_token",
                    created.record().tokenId(), Jackson.object().put("disabled_tokens", disabled));
            return created;
        }
    }

    boolean hasEnabledToken() {
        for (AdminToken t : store.adminTokens()) if (!t.disabled()) return true;
        return false;
    }

    /**
     * Sets {@code admin_token} in the credentials JSON file (creating it, mode 600, when absent; other fields are kept).
     * @return false when the file could not be written (a message is printed)
     */
    public static boolean saveToCredentialsFile(Path file, String token, PrintStream out) {
        try {
            CredentialsFile.update(file, root -> root.put("admin_token", token));
            return true;
        } catch (IOException e) {
            out.println("Could not write " + file + ": " + e.getMessage());
            return false;
        }
    }
}
