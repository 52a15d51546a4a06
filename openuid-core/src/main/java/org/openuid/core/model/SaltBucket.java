package org.openuid.core.model;

/**
 * One salt bucket as in the core salt file (spec keys-and-data.md §6.2). {@code currentSalt} empty means the
 * bucket uses v4 key material {@code currentKey}. Strings are never null (empty when blank); key materials may be null.
 */
public record SaltBucket(int id, long lastUpdated, String currentSalt, long refreshFrom, String previousSalt,
                         KeyMaterial currentKey, KeyMaterial previousKey) {
}
