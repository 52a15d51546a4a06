package org.openuid.core.service;

/**
 * The outcome of mapping one identity (spec endpoints.md §7, §8): mapped to a raw UID, or unmapped with a reason.
 */
public sealed interface IdentityMapping {

    /** Reason of an input that is not a valid email, phone or hash. */
    String REASON_INVALID_IDENTIFIER = "invalid identifier";
    /** Reason of an opted-out identity. */
    String REASON_OPTOUT = "optout";

    Unmapped INVALID_IDENTIFIER = new Unmapped(REASON_INVALID_IDENTIFIER);
    Unmapped OPTED_OUT = new Unmapped(REASON_OPTOUT);

    /**
     * A mapped identity.
     *
     * @param bucketIndex    position of the identity's salt bucket in the salt table (file order); its public
     *                       {@code bucket_id} is {@link IdentityMapService.Mapper#bucketId}
     * @param rawUid         current raw UID (32 or 33 bytes)
     * @param previousRawUid raw UID before the bucket's last rotation, while that is less than 90 days ago; null
     *                       otherwise, and always null when the previous value was not asked for
     * @param refreshFromMs  when the caller should map again, epoch ms (tokens.md §2.5); 0 when not asked for
     */
    record Mapped(int bucketIndex, byte[] rawUid, byte[] previousRawUid, long refreshFromMs)
            implements IdentityMapping {
    }

    /** An unmapped identity with its wire reason ({@code invalid identifier} or {@code optout}). */
    record Unmapped(String reason) implements IdentityMapping {
    }
}
