package org.openuid.core.service;

/** Result of /v2/token/validate (spec endpoints.md §6). */
public enum ValidateOutcome {
    INVALID_TOKEN, UNAUTHORISED, MATCH, NO_MATCH
}
