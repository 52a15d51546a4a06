package org.openuid.store.importing;

import com.fasterxml.jackson.databind.JsonNode;
import org.openuid.core.model.KeyMaterial;
import org.openuid.core.model.SaltBucket;
import org.openuid.core.model.SaltMetadata;
import org.openuid.core.uid.SaltTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.RandomAccess;

import static org.openuid.store.importing.JsonFields.intValue;
import static org.openuid.store.importing.JsonFields.longValue;
import static org.openuid.store.importing.JsonFields.requiredLong;
import static org.openuid.store.importing.JsonFields.requiredText;

/**
 * The salts part of a data set (spec keys-and-data.md §6): the metadata with its secrets and snapshot list, the
 * snapshot in force (§6.1) and its salt file (§6.2), streamed into a compact {@link SaltTable}.
 */
final class SaltFiles {
    private static final long DEFAULT_SNAPSHOT_LIFETIME_MS = 365L * 24 * 3600 * 1000;

    private record Snapshot(long effective, long expires, String location, int size) {}

    /** The salt metadata, the selected snapshot's buckets and its file (relative to the data set root). */
    record Salts(SaltMetadata metadata, SaltTable table, String file) {}

    private SaltFiles() {}

    /** The salts in force at {@code nowMs}, or null when the data set has no salts part. */
    static Salts read(Path root, long nowMs) {
        JsonNode saltMeta = DataSetFiles.metadata(root, "salts");
        if (saltMeta == null) return null;
        String ctx = "salts/metadata.json";
        SaltMetadata metadata = new SaltMetadata(requiredText(saltMeta, "first_level", ctx), requiredText(saltMeta, "id_prefix", ctx),
                requiredText(saltMeta, "id_secret", ctx));
        Snapshot snapshot = selectSnapshot(saltMeta, nowMs);
        Path file = DataSetFiles.resolve(root, snapshot.location());
        String saltFile = root.relativize(file).toString();
        return new Salts(metadata, readSalts(file, saltFile, snapshot.size()), saltFile);
    }

    /** Spec §6.1: the last snapshot (by effective time) with effective ≤ now < expires, else the last one. */
    private static Snapshot selectSnapshot(JsonNode meta, long nowMs) {
        String ctx = "salts/metadata.json";
        JsonNode list = meta.get("salts");
        if (list == null || !list.isArray() || list.isEmpty()) throw new ImportException(ctx + " lists no salt snapshots");
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            String c = ctx + " salts[" + i + "]";
            snapshots.add(new Snapshot(requiredLong(s, "effective", c),
                    longValue(s, "expires", nowMs + DEFAULT_SNAPSHOT_LIFETIME_MS, c), requiredText(s, "location", c),
                    intValue(s, "size", 0, c)));
        }
        snapshots.sort(Comparator.comparingLong(Snapshot::effective));
        Snapshot selected = null;
        for (Snapshot s : snapshots) {
            if (s.effective() <= nowMs && nowMs < s.expires()) selected = s;
        }
        return selected != null ? selected : snapshots.get(snapshots.size() - 1);
    }

    /** Streams a salt file (spec §6.2) into a compact table, in file order. */
    private static SaltTable readSalts(Path file, String name, int sizeHint) {
        SaltTable.Builder builder = SaltTable.builder(Math.max(sizeHint, 16));
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                SaltBucket b = parseSaltLine(line, name + " line " + lineNo);
                builder.add(b.id(), b.lastUpdated(), b.currentSalt(), b.refreshFrom(), b.previousSalt(), b.currentKey(),
                        b.previousKey());
            }
        } catch (IOException e) {
            throw new ImportException("cannot read " + name + ": " + e.getMessage(), e);
        }
        return builder.build();
    }

    /** {@code id,lastUpdated,currentSalt,refreshFrom,previousSalt,curKeyId,curKey,curKeySalt,prevKeyId,prevKey,prevKeySalt}. */
    static SaltBucket parseSaltLine(String line, String ctx) {
        String[] f = line.split(",", -1);
        if (f.length < 4) throw new ImportException(ctx + ": expected at least 4 fields, found " + f.length);
        try {
            int id = Integer.parseInt(f[0].trim());
            if (id < 0) throw new ImportException(ctx + ": bucket id must not be negative (public bucket ids encode non-negative numbers)");
            return new SaltBucket(id, Long.parseLong(f[1].trim()), field(f, 2),
                    Long.parseLong(f[3].trim()), field(f, 4), keyMaterial(f, 5), keyMaterial(f, 8));
        } catch (NumberFormatException e) {
            throw new ImportException(ctx + ": invalid number");
        }
    }

    private static KeyMaterial keyMaterial(String[] f, int start) {
        String id = field(f, start);
        String key = field(f, start + 1);
        if (id.isEmpty() || key.isEmpty()) return null;
        return new KeyMaterial(Integer.parseInt(id), key, field(f, start + 2));
    }

    private static String field(String[] f, int i) {
        return i < f.length ? f[i].trim() : "";
    }

    /** Whether two tables hold the same buckets in the same order ({@code b} may be null: not the same). */
    static boolean sameSalts(SaltTable a, SaltTable b) {
        if (b == null || a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.bucket(i).equals(b.bucket(i))) return false;
        }
        return true;
    }

    /** A read-only list view of a salt table, materialising one bucket per {@code get}. */
    static List<SaltBucket> asList(SaltTable table) {
        return new SaltTableList(table);
    }

    private static final class SaltTableList extends AbstractList<SaltBucket> implements RandomAccess {
        private final SaltTable table;

        SaltTableList(SaltTable table) { this.table = table; }

        @Override
        public SaltBucket get(int index) { return table.bucket(index); }

        @Override
        public int size() { return table.size(); }
    }
}
