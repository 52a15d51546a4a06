package org.openuid.store;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's packages depend in one direction only: {@code importing} and {@code bootstrap} build on the root
 * package (the {@link Store} port and its JDBC implementation), which refers to neither, and they do not refer to each
 * other. Drawn from the sources' references to {@code org.openuid.store.<package>} (comments do not count).
 */
class StorePackagesTest {
    private static final Path SOURCES = Path.of("src/main/java/org/openuid/store");
    private static final Pattern SUBPACKAGE = Pattern.compile("\\borg\\.openuid\\.store\\.([a-z_]\\w*)\\.");

    @Test
    void noReferenceRunsBackUpOrAcross() throws IOException {
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path dir = SOURCES.relativize(file.getParent());
                String own = dir.toString().isEmpty() ? "" : dir.getName(0).toString();
                Matcher m = SUBPACKAGE.matcher(code(Files.readString(file, StandardCharsets.UTF_8)));
                while (m.find()) {
                    if (!m.group(1).equals(own)) wrong.add(SOURCES.relativize(file) + " -> " + m.group(1));
                }
            }
        }
        assertThat(wrong).as("references from one store package into another subpackage").isEmpty();
    }

    /** The source without comments and without its package line. */
    private static String code(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "").replaceAll("(?m)^package [^;]+;", "");
    }
}
