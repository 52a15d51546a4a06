package org.openuid.core.token;

import org.openuid.core.model.KeysetKey;

/** Finds any keyset key by id (activation, expiry and keyset state are ignored for decryption). */
@FunctionalInterface
public interface KeyLookup {
    /** @return the key or null */
    KeysetKey byId(int id);
}
