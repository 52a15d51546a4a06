package org.openuid.core.model;

import java.util.Locale;

/** API roles that grant access to operator endpoints; any other role string maps to {@link #UNKNOWN}. */
public enum Role {
    GENERATOR, MAPPER, ID_READER, SHARER, OPTOUT, UNKNOWN;

    public static Role parse(String s) {
        if (s == null) return UNKNOWN;
        try {
            return Role.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
