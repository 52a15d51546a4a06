package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.UserIdentity;

/**
 * "Exactly one of email, email_hash, phone, phone_hash" (spec endpoints.md §3.1-3.2): present means the key
 * exists with a non-null value; numbers and booleans are read as their text; with phone support disabled the
 * phone keys are ignored.
 */
public final class DiiInput {
    public static final String EXACTLY_ONE =
            "Required Parameter Missing: exactly one of [email, email_hash, phone, phone_hash] must be specified";
    public static final String EXACTLY_ONE_NO_PHONE =
            "Required Parameter Missing: exactly one of email or email_hash must be specified";
    public static final String INVALID_IDENTIFIER = "Invalid Identifier";

    private DiiInput() {}

    /** Either an identity or the client error message to answer. */
    public record Result(UserIdentity identity, String error) {
        public boolean ok() { return identity != null; }
    }

    public static Result exactlyOne(ObjectNode payload, boolean phoneSupport) {
        String missing = phoneSupport ? EXACTLY_ONE : EXACTLY_ONE_NO_PHONE;
        if (payload == null) return new Result(null, missing);
        DiiKind kind = null;
        JsonNode value = null;
        for (DiiKind k : DiiKind.all()) {
            if (!phoneSupport && k.type == org.openuid.core.identity.IdentityType.PHONE) continue;
            JsonNode v = payload.get(k.field);
            if (v == null || v.isNull()) continue;
            if (kind != null) return new Result(null, missing);
            kind = k;
            value = v;
        }
        if (kind == null) return new Result(null, missing);
        String text = Json.scalarText(value);
        UserIdentity id = text == null ? null : DiiParser.parse(kind, text);
        return id == null ? new Result(null, INVALID_IDENTIFIER) : new Result(id, null);
    }
}
