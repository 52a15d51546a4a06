package org.openuid.server.cli;

import org.openuid.core.identity.IdentityType;
import org.openuid.core.model.OptOutRecord;
import org.openuid.core.optout.OptOutFileFormat;
import org.openuid.core.service.Snapshot;
import org.openuid.core.service.TokenService;
import org.openuid.core.uid.BucketIndex;
import org.openuid.core.uid.RawUidDeriver;
import org.openuid.core.uid.SaltTable;
import org.openuid.store.OptOutImportProgress;
import org.openuid.store.Store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Import of one upstream opt-out file (delta or partition, spec keys-and-data.md §7.1: 72-byte records).
 *
 * <p>{@link #scan} reads the whole file once before anything is written: it computes the content hash that identifies
 * the file and rejects a malformed file (a length that is not a multiple of 72, a record version other than 0 or 1)
 * with the file name and the offset. {@link #run} then writes the records in batches, each batch together with the
 * import's position ({@link Store#addImportedOptOuts}), so an interrupted import continues after its last saved batch,
 * and a completed file is not read again. Sentinel records are skipped; every record keeps its time (the earliest time
 * of a (first-level hash, advertising id) pair stands). A record whose advertising id is not the raw UID that the
 * store's salts give for its first-level hash (current or previous salt, email or phone) is imported all the same,
 * honoured by its first-level hash, and counted as unmatched.
 */
public final class OptOutFileImporter {
    public static final int DEFAULT_BATCH_RECORDS = 10_000;

    /** A file whose every record was checked, with its content hash. */
    public record ScannedFile(Path path, String sha256, long size) {
        public long records() { return size / OptOutFileFormat.RECORD_SIZE; }
    }

    /** Progress of a running import: the file offset reached and the records done. */
    public interface Listener {
        void progress(long offset, long records);
    }

    /** @param alreadyComplete true when the file had been imported completely before (nothing was read) */
    public record Result(ScannedFile file, OptOutImportProgress progress, boolean alreadyComplete, long startRecord) {}

    private final Store store;
    private final Snapshot snapshot;
    private final TokenService tokens;
    private final LongSupplier clockMillis;
    private final int batchRecords;

    public OptOutFileImporter(Store store, Snapshot snapshot, TokenService tokens, LongSupplier clockMillis,
                              int batchRecords) {
        if (batchRecords < 1) throw new IllegalArgumentException("batch size must be at least 1");
        this.store = store;
        this.snapshot = snapshot;
        this.tokens = tokens;
        this.clockMillis = clockMillis;
        this.batchRecords = batchRecords;
    }

    /**
     * Hashes and checks every record of {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the offset when the file is malformed
     */
    public static ScannedFile scan(Path file) throws IOException {
        long size = Files.size(file);
        int r = OptOutFileFormat.RECORD_SIZE;
        if (size % r != 0) {
            throw new IllegalArgumentException(file + ": malformed opt-out file: its length (" + size + " bytes) is not"
                    + " a multiple of " + r + "; the last record, at offset " + (size - size % r) + ", has only "
                    + size % r + " bytes");
        }
        MessageDigest md = sha256();
        byte[] buf = new byte[r * 1024];
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                md.update(buf, 0, n);
                for (int i = 0; i + r <= n; i += r) {
                    String problem = OptOutFileFormat.problem(buf, i);
                    if (problem != null) {
                        throw new IllegalArgumentException(file + ": malformed opt-out file: " + problem
                                + " in the record at offset " + (offset + i));
                    }
                }
                offset += n;
            }
        }
        if (offset != size) throw new IOException(file + " changed while it was read");
        return new ScannedFile(file, HexFormat.of().formatHex(md.digest()), size);
    }

    /** The saved state of this file's import, if one was started. */
    public OptOutImportProgress savedProgress(ScannedFile file) {
        return store.optOutImport(file.sha256()).orElse(null);
    }

    /** Imports (or continues importing) a scanned file. */
    public Result run(ScannedFile file, Listener listener) throws IOException {
        OptOutImportProgress p = savedProgress(file);
        if (p != null && !p.idType().equals(OptOutImportProgress.UID2_OPTOUT_FILE)) {
            throw new IllegalArgumentException(file.path() + " was imported as a file of identifiers (--type "
                    + p.idType() + ") before");
        }
        if (p != null && p.complete()) return new Result(file, p, true, p.lines());
        if (p == null) {
            p = OptOutImportProgress.start(file.sha256(), file.size(), OptOutImportProgress.UID2_OPTOUT_FILE,
                    clockMillis.getAsLong() / 1000);
        }
        long startRecord = p.lines();
        int r = OptOutFileFormat.RECORD_SIZE;
        byte[] buf = new byte[r * batchRecords];
        List<OptOutRecord> batch = new ArrayList<>(batchRecords);
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            channel.position(p.nextOffset());
            InputStream in = Channels.newInputStream(channel);
            long offset = p.nextOffset();
            while (true) {
                int n = in.readNBytes(buf, 0, buf.length);
                if (n % r != 0) throw new IOException(file.path() + " changed while it was imported");
                long sentinels = 0;
                long unmatched = 0;
                batch.clear();
                for (int i = 0; i < n; i += r) {
                    if (OptOutFileFormat.problem(buf, i) != null) {
                        throw new IOException(file.path() + " changed while it was imported (offset " + (offset + i) + ")");
                    }
                    if (OptOutFileFormat.isSentinel(buf, i)) {
                        sentinels++;
                        continue;
                    }
                    OptOutRecord record = OptOutFileFormat.decode(buf, i);
                    if (!matches(record)) unmatched++;
                    batch.add(record);
                }
                offset += n;
                boolean done = offset >= file.size();
                OptOutImportProgress next = new OptOutImportProgress(file.sha256(), file.size(),
                        OptOutImportProgress.UID2_OPTOUT_FILE, offset, p.lines() + n / r, p.added(), p.alreadyOptedOut(),
                        p.invalid() + sentinels, done, clockMillis.getAsLong() / 1000, p.unmatched() + unmatched);
                p = store.addImportedOptOuts(batch, p.nextOffset(), next);
                listener.progress(offset, p.lines());
                if (done) return new Result(file, p, false, startRecord);
            }
        }
    }

    /** Whether the advertising id is a raw UID the store's salts give for the first-level hash. */
    private boolean matches(OptOutRecord record) {
        byte[] flh = record.firstLevelHash();
        byte[] id = record.rawUid();
        SaltTable table = snapshot.salts();
        if (table == null || table.size() == 0) return false;
        int bucket = BucketIndex.of(flh, table.size());
        RawUidDeriver deriver = tokens.deriver(snapshot);
        long nowMs = clockMillis.getAsLong();
        for (IdentityType type : IdentityType.values()) {
            if (Arrays.equals(deriver.current(flh, type, table, bucket), id)) return true;
            if (Arrays.equals(deriver.previous(flh, type, table, bucket, nowMs), id)) return true;
            if (id.length == RawUidDeriver.V2_LENGTH) break;
        }
        return false;
    }

    /** A new SHA-256 digest (file content hashes). */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
