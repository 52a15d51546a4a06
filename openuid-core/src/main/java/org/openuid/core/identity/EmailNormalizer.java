package org.openuid.core.identity;

/** Email normalisation exactly as the reference operator and the SDKs do it (spec normalization.md §1.1). */
public final class EmailNormalizer {
    private EmailNormalizer() {}

    /** @return the normalised email, or {@code null} when the input is not a valid email */
    public static String normalize(String email) {
        throw new UnsupportedOperationException("TODO");
    }
}
