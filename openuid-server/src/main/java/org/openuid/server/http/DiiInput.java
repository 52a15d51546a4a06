package org.openuid.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.IdentityType;
import org.openuid.core.identity.UserIdentity;

/**
 * "Exactly one of email, email_hash, phone, phone_hash" (spec endpoints.md §3.1-3.2): present means the key
 * exists with a non-null value; numbers and booleans are read as their text; with phone support disabled the
 * phone keys are ignored. None present answers the upstream message; more than one says so (docs/api-notes.md).
 */
public final class DiiInput {
    public static final String EXACTLY_ONE =
            "Required Parameter Missing: exactly one of [email, email_hash, phone, phone_hash] must be specified";
    public static final String EXACTLY_ONE_NO_PHONE =
            "Required Parameter Missing: exactly one of email or email_hash must be specified";
    /** More than one present: the upstream answers the "missing" message; OpenUID says what is wrong. */
    public static final String MORE_THAN_ONE =
            "More than one of [email, email_hash, phone, phone_hash] given: exactly one must be specified";
    public static final String MORE_THAN_ONE_NO_PHONE =
            "Both email and email_hash given: exactly one of email or email_hash must be specified";
    public static final String INVALID_IDENTIFIER = "Invalid Identifier";

    private DiiInput() {}

    /** Either an identity or the client error message to answer. */
    public record Result(UserIdentity identity, String error) {
        public boolean ok() { return identity != null; }
    }

    /**
     * How a request exposes its DII fields: the value's text, {@link Json#CONTAINER} for an object or an array, or
     * null when absent.
     */
    @FunctionalInterface
    public interface Fields {
        String text(String field);
    }

    /** From a JSON request object; JSON null counts as absent. */
    public static Result exactlyOne(ObjectNode payload, boolean phoneSupport) {
        if (payload == null) return new Result(null, missing(phoneSupport));
        return exactlyOne(field -> {
            JsonNode v = payload.get(field);
            if (v == null || v.isNull()) return null;
            String text = Json.scalarText(v);
            return text == null ? Json.CONTAINER : text;
        }, phoneSupport);
    }

    /** The answer when none of the DII keys is present. */
    public static String missing(boolean phoneSupport) { return phoneSupport ? EXACTLY_ONE : EXACTLY_ONE_NO_PHONE; }

    /** The answer when more than one of the DII keys is present. */
    public static String moreThanOne(boolean phoneSupport) { return phoneSupport ? MORE_THAN_ONE : MORE_THAN_ONE_NO_PHONE; }

    public static Result exactlyOne(Fields fields, boolean phoneSupport) {
        String missing = missing(phoneSupport);
        DiiKind kind = null;
        String value = null;
        for (DiiKind k : DiiKind.all()) {
            if (!phoneSupport && k.type == IdentityType.PHONE) continue;
            String v = fields.text(k.field);
            if (v == null) continue;
            if (kind != null) return new Result(null, moreThanOne(phoneSupport));
            kind = k;
            value = v;
        }
        if (kind == null) return new Result(null, missing);
        //noinspection StringEquality: identity comparison with the marker is intended
        UserIdentity id = value == Json.CONTAINER ? null : DiiParser.parse(kind, value);
        return id == null ? new Result(null, INVALID_IDENTIFIER) : new Result(id, null);
    }
}
