package org.openuid.core.crypto;

/** Decryption or authentication failure. Never carries key material. */
public class CryptoException extends Exception {
    public CryptoException(String message) { super(message, null, false, false); }
}
