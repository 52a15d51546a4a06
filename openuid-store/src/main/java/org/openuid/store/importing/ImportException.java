package org.openuid.store.importing;

/** A data set could not be imported: a file is missing or unreadable, or its content is invalid. */
public class ImportException extends RuntimeException {
    public ImportException(String message) { super(message); }

    public ImportException(String message, Throwable cause) { super(message, cause); }
}
