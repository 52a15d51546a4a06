package org.openuid.server.manage;

import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.RawUidText;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.state.OperatorState;
import org.openuid.server.state.OptOutIndex;
import org.openuid.store.Store;

/**
 * Opt-outs (docs/optout.md): an email, phone or their hash is recorded with its first-level hash and current raw UID
 * ({@link OptOutRecords}); a raw UID alone is recorded with an empty first-level hash and is honoured by
 * {@code /v2/optout/status} only. The admin API adds one at a time; {@code openuid admin optout import} builds its
 * records with the same rules ({@link #record}, {@link #rawUidRecord}).
 */
public final class OptOutService {
    /** The accepted identifier fields, exactly one per request. */
    public static final String[] FIELDS = {"email", "email_hash", "phone", "phone_hash", "raw_uid"};

    private final Store store;
    private final OperatorState state;
    private final TokenService tokens;

    public OptOutService(Store store, OperatorState state, TokenService tokens) {
        this.store = store;
        this.state = state;
        this.tokens = tokens;
    }

    /** A recorded opt-out and its sequence number in the store. */
    public record Added(long sequence, OptOutRecord record) {}

    /** How many opt-outs this node honours, of which raw UIDs only, and the last sequence it has read. */
    public record Counts(int count, int rawUidCount, long lastSequence) {}

    /** Records the opt-out of {@code field}={@code value}, durable when this returns. */
    public Added add(String field, String value, long nowSec) {
        OptOutRecord record = recordFor(state.snapshot(), tokens, field, value, nowSec);
        return new Added(store.addOptOut(record), record);
    }

    public Counts counts() {
        OptOutIndex optOuts = state.optOuts();
        return new Counts(optOuts.size(), optOuts.rawUidCount(), optOuts.lastSequence());
    }

    /** The record for {@code field}={@code value}; throws IllegalArgumentException naming the field when invalid. */
    public static OptOutRecord recordFor(Snapshot snapshot, TokenService tokens, String field, String value, long nowSec) {
        if (value == null) throw new IllegalArgumentException(field + " must be a string");
        if ("raw_uid".equals(field)) {
            byte[] raw = RawUidText.parse(value.trim());
            if (raw == null) throw new IllegalArgumentException("invalid raw_uid: expected the standard Base64 of a 32- or 33-byte raw UID");
            return rawUidRecord(raw, nowSec);
        }
        DiiKind kind = null;
        for (DiiKind k : DiiKind.all()) if (k.field.equals(field)) kind = k;
        if (kind == null) throw new IllegalArgumentException("unknown identifier field '" + field + "'");
        UserIdentity identity = DiiParser.parse(kind, value);
        if (identity == null) throw new IllegalArgumentException("invalid " + kind.field);
        return record(snapshot, tokens, identity, nowSec);
    }

    /** The record of an identity: its first-level hash and its raw UID under the snapshot's current salts. */
    public static OptOutRecord record(Snapshot snapshot, TokenService tokens, UserIdentity identity, long nowSec) {
        return OptOutRecords.forIdentity(snapshot, tokens, identity, nowSec);
    }

    /** The record of a raw UID alone (empty first-level hash). */
    public static OptOutRecord rawUidRecord(byte[] rawUid, long nowSec) {
        return new OptOutRecord(new byte[0], rawUid, nowSec);
    }
}
