package org.openuid.core.identity;

/**
 * A validated identity: its type and its identity hash (SHA-256 of the normalised DII; 32 bytes,
 * or 33 for a 44-character unpadded Base64 hash input, which the reference also accepts).
 */
public record UserIdentity(IdentityType type, byte[] identityHash) {
}
