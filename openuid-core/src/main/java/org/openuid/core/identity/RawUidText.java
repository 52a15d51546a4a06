package org.openuid.core.identity;

import java.util.Base64;

/**
 * A raw UID given as text (an opt-out by raw UID, on the command line or the admin API): accepted only as the
 * canonical standard Base64 of a 32- or 33-byte raw UID, the form the API returns it in.
 */
public final class RawUidText {
    private static final int BASE64_LENGTH = 44;

    private RawUidText() {}

    /** @return the raw UID whose canonical standard Base64 is exactly {@code value}, or null */
    public static byte[] parse(String value) {
        if (value == null || value.length() != BASE64_LENGTH) return null;
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != 32 && raw.length != 33) return null;
        return Base64.getEncoder().encodeToString(raw).equals(value) ? raw : null;
    }
}
