package org.openuid.core.identity;

/** UID2 or EUID. One deployment serves one scope; the value is encoded in token headers and v3/v4 raw UIDs. */
public enum IdentityScope {
    UID2(0, "https://unifiedid.com"), EUID(1, "https://euid.eu");

    public final int value;
    /** Documentation host quoted in error messages. */
    public final String docsHost;

    IdentityScope(int value, String docsHost) { this.value = value; this.docsHost = docsHost; }

    public static IdentityScope fromValue(int v) {
        return switch (v) { case 0 -> UID2; case 1 -> EUID; default -> throw new IllegalArgumentException("identity scope " + v); };
    }

    public static IdentityScope parse(String s) {
        return IdentityScope.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
