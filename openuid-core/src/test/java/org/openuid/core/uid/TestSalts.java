package org.openuid.core.uid;

import org.openuid.core.model.KeyMaterial;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Parses the 11-column salt file of keys-and-data.md §6.2 for tests. */
public final class TestSalts {
    public static final Path ROOT = Path.of("..", "testdata", "uid2-core-test");
    public static final Path SALTS_2025 = ROOT.resolve("salts").resolve("salts.txt.1745907348982");
    public static final String FIRST_LEVEL_SALT = "fOGY/aRE44peL23i+cE9MkJrzmEeNZZziNZBfq7qqk8=";

    private TestSalts() {}

    public static SaltTable load() {
        return load(SALTS_2025);
    }

    public static SaltTable load(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            SaltTable.Builder builder = SaltTable.builder(lines.size());
            for (String line : lines) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                String[] c = new String[11];
                for (int i = 0; i < 11; i++) c[i] = i < f.length ? f[i].trim() : "";
                builder.add(Integer.parseInt(c[0]), Long.parseLong(c[1]), c[2], Long.parseLong(c[3]), c[4],
                        key(c[5], c[6], c[7]), key(c[8], c[9], c[10]));
            }
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyMaterial key(String id, String key, String salt) {
        if (id.isEmpty() || key.isEmpty()) return null;
        return new KeyMaterial(Integer.parseInt(id), key, salt);
    }
}
