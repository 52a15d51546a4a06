package org.openuid.server.admin;

import org.openuid.server.http.Operator;
import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.KeyRotationJob;
import org.openuid.server.manage.AuditLog;
import org.openuid.server.manage.SaltService;
import org.openuid.store.Store;

/**
 * What the admin API needs: the node's operator (configuration, state, metrics, clock), the store it writes to,
 * the audit log, the key rotation job and the job runner (so that "run now" takes the same cross-node lock as the
 * schedule), and the public API's base URL for the demo sandbox.
 */
public record AdminContext(Operator op, Store store, AuditLog audit, KeyRotationJob keyRotation, JobRunner jobs,
                           String publicBaseUrl) {

    public long nowMs() { return op.now(); }

    public long nowSec() { return Math.floorDiv(op.now(), 1000L); }

    /** How long new keys are valid ({@code key_lifetime_days}). */
    public long keyLifetimeSeconds() { return op.config().keyRotation().keyLifetimeSeconds(); }

    /** Makes this node serve a change at once (other nodes follow within their poll interval). */
    public void refresh() { op.state().poll(); }

    /** The salt service of this node: its salt table and configured rotation, under the job runner's lock. */
    SaltService salts() { return new SaltService(store, op.state(), op.config().saltRotation(), jobs, this::refresh); }
}
