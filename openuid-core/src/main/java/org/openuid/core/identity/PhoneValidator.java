package org.openuid.core.identity;

/** E.164 check of the reference operator: '+' then 10 to 15 ASCII digits (spec normalization.md §2). */
public final class PhoneValidator {
    private PhoneValidator() {}

    public static boolean isValid(String phone) {
        throw new UnsupportedOperationException("TODO");
    }
}
