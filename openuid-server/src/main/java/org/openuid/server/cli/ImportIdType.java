package org.openuid.server.cli;

import org.openuid.core.identity.DiiKind;
import org.openuid.core.identity.DiiParser;
import org.openuid.core.identity.RawUidText;
import org.openuid.core.identity.UserIdentity;

import java.util.Locale;

/**
 * Identifier types of a bulk opt-out import line ({@code openuid admin optout import --type}). The four DII kinds are
 * read exactly as the API reads them (spec normalization.md); {@code raw_uid} is the canonical standard Base64 of a
 * 32- or 33-byte raw UID; {@code auto} reads {@code <type>,<value>} lines, else an email (contains {@code @}) or a
 * phone number (starts with {@code +}). Hashes cannot be told apart from each other or from raw UIDs, so in
 * {@code auto} mode they need the {@code <type>,} prefix.
 */
public enum ImportIdType {
    EMAIL(DiiKind.EMAIL), EMAIL_HASH(DiiKind.EMAIL_HASH), PHONE(DiiKind.PHONE), PHONE_HASH(DiiKind.PHONE_HASH),
    RAW_UID(null), AUTO(null);

    public static final String NAMES = "email, email_hash, phone, phone_hash, raw_uid, auto";

    private final DiiKind kind;

    ImportIdType(DiiKind kind) { this.kind = kind; }

    /** The name used on the command line and in the store. */
    public String label() { return name().toLowerCase(Locale.ROOT); }

    /** @return the type with this command-line name (case-insensitive), or null */
    public static ImportIdType byLabel(String label) {
        if (label == null) return null;
        for (ImportIdType t : values()) if (t.label().equalsIgnoreCase(label.trim())) return t;
        return null;
    }

    /** One parsed line: an identity, a raw UID, or the reason it is invalid (which never quotes the line). */
    public record Parsed(UserIdentity identity, byte[] rawUid, String error) {
        static Parsed invalid(String error) { return new Parsed(null, null, error); }
    }

    /** Parses one trimmed, non-empty line. */
    public Parsed parse(String value) {
        if (this == AUTO) {
            int comma = value.indexOf(',');
            if (comma > 0) {
                ImportIdType t = byLabel(value.substring(0, comma));
                if (t != null && t != AUTO) return t.parse(value.substring(comma + 1).trim());
            }
            if (value.indexOf('@') >= 0) return EMAIL.parse(value);
            if (value.startsWith("+")) return PHONE.parse(value);
            return Parsed.invalid("cannot tell the identifier type (use --type, or write <type>,<value>)");
        }
        if (this == RAW_UID) {
            byte[] raw = RawUidText.parse(value);
            return raw == null ? Parsed.invalid("invalid raw_uid (expected the standard Base64 of a 32- or 33-byte raw UID)")
                    : new Parsed(null, raw, null);
        }
        UserIdentity identity = DiiParser.parse(kind, value);
        return identity == null ? Parsed.invalid("invalid " + kind.field) : new Parsed(identity, null, null);
    }
}
