package org.openuid.core.service;

/** Result of issuing tokens for an identity. */
public sealed interface GenerateOutcome {
    record Success(IdentityTokens tokens) implements GenerateOutcome {}

    record OptedOut() implements GenerateOutcome {}

    /** No active master, site or refresh key: a server fault (500). */
    record NoActiveKey() implements GenerateOutcome {}

    GenerateOutcome OPTED_OUT = new OptedOut();
    GenerateOutcome NO_ACTIVE_KEY = new NoActiveKey();
}
