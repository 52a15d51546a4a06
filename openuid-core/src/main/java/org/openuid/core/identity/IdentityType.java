package org.openuid.core.identity;

/** The two kinds of directly identifying information. The value is the one encoded in tokens and raw UIDs. */
public enum IdentityType {
    EMAIL(0), PHONE(1);

    public final int value;

    IdentityType(int value) { this.value = value; }

    public static IdentityType fromValue(int v) {
        return switch (v) { case 0 -> EMAIL; case 1 -> PHONE; default -> throw new IllegalArgumentException("identity type " + v); };
    }
}
