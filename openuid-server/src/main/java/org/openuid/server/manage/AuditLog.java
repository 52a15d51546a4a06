package org.openuid.server.manage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.store.AuditEntry;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The audit log of administrative changes (docs/admin.md, "Audit log"): who (admin token id and label), when,
 * which operation on which target, and non-secret details. Callers append after the change succeeded; details
 * never hold API keys, secrets, tokens, key material or DII.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    public static final int MAX_PAGE = 500;

    private final Store store;
    private final LongSupplier clock;

    public AuditLog(Store store, LongSupplier clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Appends one entry; @return its sequence number. */
    public long record(AdminPrincipal who, String operation, String targetType, String targetId, ObjectNode details) {
        long seq = store.appendAudit(new AuditEntry(0, clock.getAsLong(), who.id(), who.name(), operation, targetType,
                targetId == null ? "" : targetId, details == null ? "{}" : details.toString()));
        LOG.info("admin change #{} by {}: {} {} {}", seq, who.id(), operation, targetType, targetId == null ? "" : targetId);
        return seq;
    }

    /** One page of the log: its entries, newest first, and the {@code before} of the next page (null at the end). */
    public record Page(List<AuditEntry> entries, Long nextBefore) {}

    /** Entries older than {@code before} (newest first when 0), at most {@code limit}. */
    public Page page(long before, int limit) {
        List<AuditEntry> entries = store.auditLog(before, limit);
        Long next = entries.size() == limit && !entries.isEmpty() ? entries.get(entries.size() - 1).sequence() : null;
        return new Page(entries, next);
    }
}
