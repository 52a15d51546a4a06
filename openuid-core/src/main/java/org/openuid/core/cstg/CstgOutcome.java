package org.openuid.core.cstg;

import org.openuid.core.service.IdentityTokens;

/** Result of a client-side token generation (spec endpoints.md §4.1). */
public sealed interface CstgOutcome {
    /** An error row of the spec table: plain JSON {@code {"status":..,"message":..}} with this HTTP status. */
    record Rejected(int httpStatus, String status, String message) implements CstgOutcome {}

    /** Answered with an encrypted {@code {"status":"optout"}}. */
    record OptedOut(byte[] sharedSecret) implements CstgOutcome {}

    /** Answered with the encrypted token pair. */
    record Success(IdentityTokens tokens, byte[] sharedSecret) implements CstgOutcome {}

    /** No active master, site or refresh key: a server fault (500). */
    record NoActiveKey() implements CstgOutcome {}
}
