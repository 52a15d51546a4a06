package org.openuid.core.model;

/** Deployment-wide salt settings: the first-level salt (never changes) and the bucket-id Hashids prefix and secret. */
public record SaltMetadata(String firstLevelSalt, String idPrefix, String idSecret) {
}
