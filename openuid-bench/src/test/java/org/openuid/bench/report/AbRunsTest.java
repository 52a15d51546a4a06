package org.openuid.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class AbRunsTest {
    @Test
    void readsTheRatioOfAScenarioPerJdkAndTheLastFileWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("01-first.md"), "| map-v2-1000 | 1 | 2 | 1.20× |\n");
        Files.writeString(dir.resolve("02-second.md"), "| Scenario | JDK | ratio |\n| `map-v2-1000` | java-25 | **1.70x** |\n");
        Files.writeString(dir.resolve("03-java-17-only.md"), "| map-v3-1000 | 1.55× |\n");
        Files.writeString(dir.resolve("notes.txt"), "| map-v2-1000 | 9.99× |\n");
        Files.writeString(dir.resolve("04-ab-sh.md"), "### 04-ab-sh\n\n| JDK | scenario | unit | A median | B median | B / A |"
                + " A rounds |\n| --- | --- | --- | ---: | ---: | ---: | --- |\n| java-17 | map-v2-5000 | identities/CPU-s | 2 | 3 |"
                + " 1.5 | 2, 2 |\n| java-25 | map-v2-5000 | identities/CPU-s | 2 | 2 | 1 | 2 |\n");
        AbRuns ab = new AbRuns(dir);
        assertThat(ab.runs).extracting(AbRuns.Run::name).containsExactly("01-first", "02-second", "03-java-17-only", "04-ab-sh");
        assertThat(ab.ratio("java-17", "map-v2-1000")).isEqualTo(1.20);
        assertThat(ab.ratio("java-25", "map-v2-1000")).isEqualTo(1.70);
        assertThat(ab.ratio("java-17", "map-v3-1000")).isEqualTo(1.55);
        assertThat(ab.ratio("java-25", "map-v3-1000")).isNaN();
        assertThat(ab.ratio("java-17", "map-v2-5000")).isEqualTo(1.5);
        assertThat(ab.ratio("java-25", "map-v2-5000")).isEqualTo(1.0);
        assertThat(new AbRuns(dir.resolve("missing")).runs).isEmpty();
    }
}
