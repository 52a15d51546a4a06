package org.openuid.store;

/**
 * Where a bulk opt-out import of one file stands, saved in the store with every batch so that an interrupted import
 * continues where it stopped.
 *
 * @param fileSha256      hex SHA-256 of the file's content (identifies the file)
 * @param fileSize        file size in bytes
 * @param idType          the identifier type the import was started with (as given on the command line)
 * @param nextOffset      byte offset of the first line not yet processed
 * @param lines           lines processed so far
 * @param added           opt-outs added to the store
 * @param alreadyOptedOut valid lines whose opt-out was already in the store (no change)
 * @param invalid         lines skipped as invalid
 * @param complete        whether the whole file has been processed
 * @param updatedAt       epoch seconds of the last save
 */
public record OptOutImportProgress(String fileSha256, long fileSize, String idType, long nextOffset, long lines,
                                   long added, long alreadyOptedOut, long invalid, boolean complete, long updatedAt) {

    /** A new import at offset 0. */
    public static OptOutImportProgress start(String fileSha256, long fileSize, String idType, long nowSec) {
        return new OptOutImportProgress(fileSha256, fileSize, idType, 0, 0, 0, 0, 0, false, nowSec);
    }
}
