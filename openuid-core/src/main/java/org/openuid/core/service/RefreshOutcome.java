package org.openuid.core.service;

/** Result of a refresh (spec endpoints.md §5.2). {@code responseKey} is null for unwrapped (legacy) requests. */
public sealed interface RefreshOutcome {
    /** 388-character body whose wrapper cannot be opened: 400 client_error with this exact message. */
    record WrapperError(String message) implements RefreshOutcome {}

    record Invalid() implements RefreshOutcome {}

    record Expired() implements RefreshOutcome {}

    record OptedOut(byte[] responseKey) implements RefreshOutcome {}

    record NoActiveKey() implements RefreshOutcome {}

    /** {@code siteId} is the site the refreshed tokens belong to. */
    record Success(IdentityTokens tokens, byte[] responseKey, int siteId) implements RefreshOutcome {}
}
