package org.openuid.core.identity;

/** Environment baked into v4 raw UIDs so that test, integ and prod give different raw UIDs. */
public enum IdentityEnvironment {
    TEST(0), INTEG(1), PROD(2);

    public final int value;

    IdentityEnvironment(int value) { this.value = value; }

    public static IdentityEnvironment parse(String s) {
        return IdentityEnvironment.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
