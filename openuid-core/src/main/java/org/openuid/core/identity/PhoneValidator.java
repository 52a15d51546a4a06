package org.openuid.core.identity;

/** E.164 check of the reference operator: '+' then 10 to 15 ASCII digits (spec normalization.md §2). */
public final class PhoneValidator {
    private static final int MIN_DIGITS = 10;
    private static final int MAX_DIGITS = 15;

    private PhoneValidator() {}

    public static boolean isValid(String phone) {
        if (phone == null) {
            return false;
        }
        int digits = phone.length() - 1;
        if (digits < MIN_DIGITS || digits > MAX_DIGITS || phone.charAt(0) != '+') {
            return false;
        }
        for (int i = 1; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
