package org.openuid.server.cli;

import org.openuid.core.model.OptOutRecord;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.server.manage.OptOutService;
import org.openuid.store.OptOutImportProgress;
import org.openuid.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Bulk opt-out import: one identifier per line (UTF-8; blank lines skipped; a leading byte-order mark ignored), read
 * in batches of lines. Each batch's new opt-outs and the import's position are written in one store transaction
 * ({@link Store#addImportedOptOuts}), durable when it returns, so:
 *
 * <ul>
 *   <li><b>resumable</b>: the import of a file (identified by its SHA-256) continues after the last saved batch
 *   when run again after a crash or an interruption;</li>
 *   <li><b>idempotent</b>: a file whose import completed is not read again, and the store skips any opt-out whose
 *   (first-level hash, raw UID) pair is already recorded, so importing the same identities again changes nothing;</li>
 *   <li><b>forgiving</b>: an invalid line is reported with its line number and reason (never its content) and
 *   skipped.</li>
 * </ul>
 *
 * Identities are recorded with their first-level hash and the raw UID of the current salts; a {@code raw_uid} line is
 * recorded with an empty first-level hash (honoured by {@code /v2/optout/status} only): the rules of
 * {@link OptOutService}, as for an opt-out added through the admin API.
 */
public final class OptOutImporter {
    /** Longer lines are reported invalid without being kept in memory. */
    public static final int MAX_LINE_BYTES = 4096;
    public static final int DEFAULT_BATCH_LINES = 1000;

    /** What an import reports while it runs. */
    public interface Listener {
        /** Called after every saved batch with the file offset reached and the lines processed. */
        void progress(long offset, long lines);

        void invalidLine(long lineNumber, String reason);
    }

    /**
     * @param progress        the final saved state
     * @param alreadyComplete true when the file had been imported completely before (nothing was read)
     * @param startLine       lines already processed before this run (0 for a new import)
     */
    public record Result(OptOutImportProgress progress, boolean alreadyComplete, long startLine) {}

    private final Store store;
    private final Snapshot snapshot;
    private final TokenService tokens;
    private final LongSupplier clockMillis;
    private final int batchLines;

    public OptOutImporter(Store store, Snapshot snapshot, TokenService tokens, LongSupplier clockMillis, int batchLines) {
        if (batchLines < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.store = store;
        this.snapshot = snapshot;
        this.tokens = tokens;
        this.clockMillis = clockMillis;
        this.batchLines = batchLines;
    }

    /** Hex SHA-256 of a file's content. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The saved state of this file's import, if one was started. */
    public OptOutImportProgress savedProgress(String sha256) {
        return store.optOutImport(sha256).orElse(null);
    }

    /**
     * Imports (or continues importing) {@code file}, whose content hash is {@code sha256}.
     *
     * @throws IllegalArgumentException when an earlier run of this file used another identifier type
     */
    public Result run(Path file, String sha256, ImportIdType type, Listener listener) throws IOException {
        long size = Files.size(file);
        OptOutImportProgress p = savedProgress(sha256);
        if (p != null && !p.idType().equals(type.label())) {
            throw new IllegalArgumentException("this file was imported with --type " + p.idType()
                    + " before; run it again with --type " + p.idType());
        }
        if (p != null && p.complete()) return new Result(p, true, p.lines());
        if (p == null) p = OptOutImportProgress.start(sha256, size, type.label(), clockMillis.getAsLong() / 1000);
        long startLine = p.lines();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(p.nextOffset());
            LineReader lines = new LineReader(Channels.newInputStream(channel), p.nextOffset() == 0);
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            long offset = p.nextOffset();
            long lineNo = p.lines();
            long invalid = p.invalid();
            List<OptOutRecord> batch = new ArrayList<>(batchLines);
            int linesInBatch = 0;
            while (true) {
                boolean more = lines.next();
                if (more) {
                    lineNo++;
                    linesInBatch++;
                    offset += lines.consumed();
                    String error = addLine(lines, utf8, type, batch);
                    if (error != null) {
                        invalid++;
                        listener.invalidLine(lineNo, error);
                    }
                }
                if (!more || linesInBatch >= batchLines) {
                    OptOutImportProgress next = new OptOutImportProgress(sha256, size, type.label(), offset, lineNo,
                            p.added(), p.alreadyOptedOut(), invalid, !more, clockMillis.getAsLong() / 1000);
                    p = store.addImportedOptOuts(batch, p.nextOffset(), next);
                    batch.clear();
                    linesInBatch = 0;
                    listener.progress(offset, lineNo);
                    if (!more) return new Result(p, false, startLine);
                }
            }
        }
    }

    /** Adds the line's record to the batch; @return why the line is invalid, or null (also for a blank line) */
    private String addLine(LineReader lines, CharsetDecoder utf8, ImportIdType type, List<OptOutRecord> batch) {
        if (lines.tooLong()) return "line longer than " + MAX_LINE_BYTES + " bytes";
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(lines.buffer(), 0, lines.length())).toString().strip();
        } catch (CharacterCodingException e) {
            return "not valid UTF-8";
        }
        if (text.isEmpty()) return null;
        ImportIdType.Parsed parsed = type.parse(text);
        if (parsed.error() != null) return parsed.error();
        long nowSec = clockMillis.getAsLong() / 1000;
        batch.add(parsed.identity() != null
                ? OptOutService.record(snapshot, tokens, parsed.identity(), nowSec)
                : OptOutService.rawUidRecord(parsed.rawUid(), nowSec));
        return null;
    }

    /** Splits a byte stream at {@code \n}, counting the exact bytes each line takes (for resumable offsets). */
    private static final class LineReader {
        private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        private final InputStream in;
        private final byte[] chunk = new byte[1 << 16];
        private final byte[] line = new byte[MAX_LINE_BYTES];
        private int pos;
        private int limit;
        private int length;
        private boolean tooLong;
        private long consumed;
        private boolean atFileStart;

        LineReader(InputStream in, boolean atFileStart) {
            this.in = in;
            this.atFileStart = atFileStart;
        }

        /** Reads the next line; false at the end of the input. */
        boolean next() throws IOException {
            length = 0;
            tooLong = false;
            consumed = 0;
            while (true) {
                if (pos == limit) {
                    limit = in.read(chunk);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        finishLine();
                        return consumed > 0;
                    }
                }
                byte b = chunk[pos++];
                consumed++;
                if (b == '\n') {
                    finishLine();
                    return true;
                }
                if (length < MAX_LINE_BYTES) line[length++] = b;
                else tooLong = true;
            }
        }

        private void finishLine() {
            if (length > 0 && line[length - 1] == '\r') length--;
            if (atFileStart && length >= 3 && line[0] == BOM[0] && line[1] == BOM[1] && line[2] == BOM[2]) {
                System.arraycopy(line, 3, line, 0, length - 3);
                length -= 3;
            }
            atFileStart = false;
        }

        byte[] buffer() { return line; }

        int length() { return length; }

        boolean tooLong() { return tooLong; }

        long consumed() { return consumed; }
    }
}
