package org.openuid.core.identity;

/**
 * Email normalisation exactly as the reference operator and the SDKs do it (spec normalization.md §1.1).
 *
 * <p>Only ASCII {@code A-Z} are lower-cased; spaces are dropped anywhere in the local part; in the domain a run of
 * spaces is emitted only when a non-space character follows it, so trailing spaces disappear while leading and
 * interior runs are kept (this is what the reference code does and what the verified hash of
 * {@code "user@ example .com "} in §1.3 requires); for the exact domain {@code gmail.com} dots and everything from the first {@code +}
 * are removed from the local part. The only syntax checks are: one {@code @}, a non-empty domain and a non-empty
 * chosen local part.
 */
public final class EmailNormalizer {
    private static final String GMAIL = "gmail.com";

    private EmailNormalizer() {}

    /** @return the normalised email, or {@code null} when the input is not a valid email */
    public static String normalize(String email) {
        if (email == null) {
            return null;
        }
        int n = email.length();
        StringBuilder local = new StringBuilder(n);
        StringBuilder localGmail = new StringBuilder(n);
        StringBuilder domain = null;
        int pendingSpaces = 0;
        boolean inPlus = false;
        for (int i = 0; i < n; i++) {
            char c = email.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            }
            if (domain == null) {
                switch (c) {
                    case ' ' -> { }
                    case '@' -> domain = new StringBuilder(n - i);
                    case '.' -> local.append(c);
                    case '+' -> {
                        local.append(c);
                        inPlus = true;
                    }
                    default -> {
                        local.append(c);
                        if (!inPlus) {
                            localGmail.append(c);
                        }
                    }
                }
            } else if (c == '@') {
                return null;
            } else if (c == ' ') {
                pendingSpaces++;
            } else {
                for (; pendingSpaces > 0; pendingSpaces--) {
                    domain.append(' ');
                }
                domain.append(c);
            }
        }
        if (domain == null || domain.length() == 0) {
            return null;
        }
        StringBuilder chosen = GMAIL.contentEquals(domain) ? localGmail : local;
        if (chosen.length() == 0) {
            return null;
        }
        return chosen.append('@').append(domain).toString();
    }
}
