package org.openuid.store;

/**
 * One entry of the administration audit log. Never holds secrets: no API keys, client secrets, admin tokens,
 * key material or DII.
 *
 * @param sequence   assigned by the store (0 before it is appended)
 * @param atMs       when, epoch milliseconds
 * @param actorId    the admin token id that made the change ({@code local} for direct store access on the host)
 * @param actorName  that token's label
 * @param operation  e.g. {@code site.create}, {@code client.disable}
 * @param targetType e.g. {@code site}, {@code client}, {@code keyset}
 * @param targetId   the changed object's id (empty for operator-wide operations)
 * @param details    a JSON object with non-secret facts about the change
 */
public record AuditEntry(long sequence, long atMs, String actorId, String actorName, String operation,
                         String targetType, String targetId, String details) {
}
