package org.openuid.server.admin;

import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.RawUidText;
import org.openuid.core.identity.UserIdentity;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.OptOutRecords;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;

/**
 * Builds the opt-out record of one identifier (docs/optout.md): an email, phone or their hash becomes its first-level
 * hash and current raw UID ({@link OptOutRecords}); a raw UID alone is recorded with an empty first-level hash and is
 * honoured by {@code /v2/optout/status} only. The same rules as {@code openuid admin optout import}.
 */
public final class OptOutAdmin {
    /** The accepted identifier fields, exactly one per request. */
    public static final String[] FIELDS = {"email", "email_hash", "phone", "phone_hash", "raw_uid"};

    private OptOutAdmin() {}

    /** The record for {@code field}={@code value}; throws IllegalArgumentException naming the field when invalid. */
    public static OptOutRecord recordFor(Snapshot snapshot, TokenService tokens, String field, String value, long nowSec) {
        if (value == null) throw new IllegalArgumentException(field + " must be a string");
        if ("raw_uid".equals(field)) {
            byte[] raw = RawUidText.parse(value.trim());
            if (raw == null) throw new IllegalArgumentException("invalid raw_uid: expected the standard Base64 of a 32- or 33-byte raw UID");
            return new OptOutRecord(new byte[0], raw, nowSec);
        }
        DiiKind kind = null;
        for (DiiKind k : DiiKind.all()) if (k.field.equals(field)) kind = k;
        if (kind == null) throw new IllegalArgumentException("unknown identifier field '" + field + "'");
        UserIdentity identity = DiiParser.parse(kind, value);
        if (identity == null) throw new IllegalArgumentException("invalid " + kind.field);
        return OptOutRecords.forIdentity(snapshot, tokens, identity, nowSec);
    }
}
