package org.openuid.core.envelope;

/** A request envelope that cannot be opened. The message is the exact client-facing 400 message of the spec. */
public class EnvelopeException extends Exception {
    public EnvelopeException(String message) { super(message, null, false, false); }
}
