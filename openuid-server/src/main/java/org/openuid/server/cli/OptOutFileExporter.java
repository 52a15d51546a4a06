package org.openuid.server.cli;

import org.openuid.core.optout.OptOutFileFormat;
import org.openuid.store.OptOutEntry;
import org.openuid.store.Store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the store's opt-outs as one upstream opt-out file (spec keys-and-data.md §7.1): every opt-out recorded after
 * a cursor (a sequence number of the store), in sequence order, one 72-byte record each. From the start (cursor 0) that
 * is a partition file holding every opt-out; after a cursor it is a delta file holding what came since. The file is
 * written under a temporary name and renamed when complete, so a consumer never sees half a file.
 *
 * <p>Opt-outs that the format cannot hold are skipped and counted: those known only by their raw UID (no first-level
 * hash; an all-zero hash would read as the "opted out now" sentinel) and 33-byte raw UIDs whose first byte does not fit
 * in 6 bits.
 */
public final class OptOutFileExporter {
    private static final int PAGE = 10_000;

    /** @param cursor the sequence number to pass as the next export's cursor */
    public record Result(Path file, boolean partition, long records, long skipped, long since, long cursor) {}

    private final Store store;

    public OptOutFileExporter(Store store) {
        this.store = store;
    }

    /** Writes the opt-outs after {@code since} into {@code dir}, named for {@code replica} and {@code now}. */
    public Result export(Path dir, long since, String replica, Instant now) throws IOException {
        Files.createDirectories(dir);
        boolean partition = since <= 0;
        Path tmp = Files.createTempFile(dir, ".optout-export-", ".tmp");
        MessageDigest md = OptOutFileImporter.sha256();
        long records = 0;
        long skipped = 0;
        long cursor = Math.max(0, since);
        try {
            byte[] buf = new byte[OptOutFileFormat.RECORD_SIZE * PAGE];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                while (true) {
                    List<OptOutEntry> page = store.optOutsAfter(cursor, PAGE);
                    if (page.isEmpty()) break;
                    int n = 0;
                    for (OptOutEntry e : page) {
                        cursor = e.sequence();
                        if (!OptOutFileFormat.encodable(e.record())) {
                            skipped++;
                            continue;
                        }
                        OptOutFileFormat.encode(e.record(), buf, n * OptOutFileFormat.RECORD_SIZE);
                        n++;
                    }
                    out.write(buf, 0, n * OptOutFileFormat.RECORD_SIZE);
                    records += n;
                }
            }
            String suffix = HexFormat.of().formatHex(md.digest()).substring(0, 8);
            Path file = dir.resolve(OptOutFileFormat.fileName(partition, replica, now, suffix));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            return new Result(file, partition, records, skipped, Math.max(0, since), cursor);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
