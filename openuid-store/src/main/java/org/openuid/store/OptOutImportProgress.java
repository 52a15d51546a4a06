package org.openuid.store;

/**
 * Where a bulk opt-out import of one file stands, saved in the store with every batch so that an interrupted import
 * continues where it stopped.
 *
 * @param fileSha256      hex SHA-256 of the file's content (identifies the file)
 * @param fileSize        file size in bytes
 * @param idType          the identifier type the import was started with (as given on the command line), or
 *                        {@value #UID2_OPTOUT_FILE} for an upstream opt-out file
 * @param nextOffset      byte offset of the first line (or record) not yet processed
 * @param lines           lines (or records) processed so far
 * @param added           opt-outs added to the store
 * @param alreadyOptedOut valid lines whose opt-out was already in the store (no change)
 * @param invalid         lines skipped as invalid (for an opt-out file: sentinel records)
 * @param complete        whether the whole file has been processed
 * @param updatedAt       epoch seconds of the last save
 * @param unmatched       opt-out file records whose advertising id is not the one the store's salts give
 */
public record OptOutImportProgress(String fileSha256, long fileSize, String idType, long nextOffset, long lines,
                                   long added, long alreadyOptedOut, long invalid, boolean complete, long updatedAt,
                                   long unmatched) {

    /** {@link #idType} of an import of an upstream opt-out file (delta or partition). */
    public static final String UID2_OPTOUT_FILE = "uid2-optout";

    /** A line import's progress (no unmatched records). */
    public OptOutImportProgress(String fileSha256, long fileSize, String idType, long nextOffset, long lines,
                                long added, long alreadyOptedOut, long invalid, boolean complete, long updatedAt) {
        this(fileSha256, fileSize, idType, nextOffset, lines, added, alreadyOptedOut, invalid, complete, updatedAt, 0);
    }

    /** A new import at offset 0. */
    public static OptOutImportProgress start(String fileSha256, long fileSize, String idType, long nowSec) {
        return new OptOutImportProgress(fileSha256, fileSize, idType, 0, 0, 0, 0, 0, false, nowSec);
    }
}
