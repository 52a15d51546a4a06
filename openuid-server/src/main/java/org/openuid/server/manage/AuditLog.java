package org.openuid.server.manage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.store.AuditEntry;
import org.openuid.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
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

    /** Entries older than {@code before} (newest first when 0), at most {@code limit}, as a JSON page. */
    public ObjectNode page(long before, int limit) {
        List<AuditEntry> entries = store.auditLog(before, limit);
        ObjectNode out = Jackson.object();
        ArrayNode list = out.putArray("entries");
        for (AuditEntry e : entries) list.add(toJson(e));
        if (entries.size() == limit && !entries.isEmpty()) out.put("next_before", entries.get(entries.size() - 1).sequence());
        else out.putNull("next_before");
        return out;
    }

    static ObjectNode toJson(AuditEntry e) {
        ObjectNode n = Jackson.object();
        n.put("sequence", e.sequence());
        n.put("at", Instant.ofEpochMilli(e.atMs()).toString());
        n.put("at_ms", e.atMs());
        n.put("actor_id", e.actorId());
        n.put("actor_name", e.actorName());
        n.put("operation", e.operation());
        n.put("target_type", e.targetType());
        n.put("target_id", e.targetId());
        try {
            n.set("details", Jackson.MAPPER.readTree(e.details()));
        } catch (IOException ex) {
            n.put("details", e.details());
        }
        return n;
    }
}
