package org.openuid.core.model;

/** v4 raw-UID key material of a salt bucket: key id, 32 ASCII characters used as the AES-256 key, and a salt string. */
public record KeyMaterial(int id, String key, String salt) {
}
