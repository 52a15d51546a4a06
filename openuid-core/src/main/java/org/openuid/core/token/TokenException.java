package org.openuid.core.token;

/** A token that cannot be decoded. For the refresh wrapper the message is the exact client-facing text of the spec. */
public class TokenException extends Exception {
    public TokenException(String message) { super(message, null, false, false); }
}
