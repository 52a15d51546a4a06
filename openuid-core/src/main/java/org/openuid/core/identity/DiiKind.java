package org.openuid.core.identity;

/** The four request input kinds, with their JSON field names. */
public enum DiiKind {
    EMAIL("email", IdentityType.EMAIL, false),
    EMAIL_HASH("email_hash", IdentityType.EMAIL, true),
    PHONE("phone", IdentityType.PHONE, false),
    PHONE_HASH("phone_hash", IdentityType.PHONE, true);

    public final String field;
    public final IdentityType type;
    public final boolean hashed;

    DiiKind(String field, IdentityType type, boolean hashed) { this.field = field; this.type = type; this.hashed = hashed; }

    private static final DiiKind[] ALL = values();

    public static DiiKind[] all() { return ALL; }
}
