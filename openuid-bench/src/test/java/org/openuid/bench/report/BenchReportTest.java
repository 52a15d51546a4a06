package org.openuid.bench.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's sections from a small fixture run (src/test/resources/report-fixture). */
class BenchReportTest {
    static Path fixture;
    static String md;

    @BeforeAll
    static void write() throws Exception {
        Locale.setDefault(Locale.ROOT);
        fixture = Path.of(BenchReportTest.class.getResource("/report-fixture").toURI());
        md = new BenchReport(new Results(fixture), new AbRuns(fixture.resolve("ab"))).markdown("## Notes\n\nby hand\n");
    }

    @Test
    void tokenTargetsAreSharesOfTheBareHttpExchange() {
        assertThat(line("`/v2/token/generate`: requests per server CPU-second ≥ 70 %")).endsWith("| 72 % ✅ |");
        assertThat(line("`/v2/token/refresh`: requests per server CPU-second ≥ 70 %")).endsWith("| 72 % ✅ |");
        assertThat(md).contains("| (information) the same as a share of the crypto-only ceiling | 9.0 % |");
    }

    @Test
    void alternatingWindowsGiveTheTokenTargetWhereTheyWereMeasured() {
        // refresh has a paired run (median of its pairs' ratios, 72 %); its own run's best window gave 60 %
        assertThat(line("(information) the same from the best windows of each scenario's own run")).endsWith("| 60 % |");
        assertThat(md).contains("## " + PairedSection.TITLE);
        assertThat(line("| java-17 | refresh | 3.0 |")).isEqualTo("| java-17 | refresh | 3.0 | 36,000 / 50,000, "
                + "29,200 / 40,000, 36,400 / 52,000, 34,560 / 48,000 | 72 %, 73 %, 70 %, 72 % | 72 % |");
    }

    @Test
    void identityMapIsComparedWithTheAbRunWhereThereIsOne() {
        assertThat(line("identity map v2, batch 1000")).endsWith("| 900,000, 1.62× ✅ |");
        assertThat(line("identity map v3, batch 1000")).endsWith("| 800,000, 1.40× ❌ |");
        assertThat(md).doesNotContain("identity map v2, batch 5000");
    }

    @Test
    void latencyAndColdStartTargets() {
        assertThat(line("p99 latency of generate at half of saturation")).endsWith("| 3.20 ms ✅ |");
        assertThat(line("p99 latency of refresh at half of saturation")).endsWith("| 7.50 ms ❌ |");
        assertThat(line("with the default start command")).endsWith("| 1.30 s ✅ |");
        assertThat(line("the same with the plain JVM start")).endsWith("| 1.90 s ❌ |");
    }

    @Test
    void tailSectionSplitsTheSlowRequestsByCause() {
        assertThat(md).contains("## Where the latency tail comes from");
        assertThat(md).contains("| java-17 | generate | ≥ p99 (from due) | 2700 | 5.10 | 0.40 | 60 % | 1.0 % | 0.0 % | – | 10 % | 10 % | 19 % |");
        assertThat(md).contains("| java-17 | generate | ≥ p99.9 (from due) | 270 | 9.90 | 0.20 | 90 % | 0.0 % | 0.0 % | – | 10 % | 0.0 % | 0.0 % |");
        assertThat(line("| java-17 | generate | 15.0 |"))
                .contains("| 12, 36.0, 4.50 | 3, 0.60, 0.30 | 2, 40.0 | 125, 340 |")
                .contains("`vert.x-eventloop-thread` 4.50 + 1.80, `C2 CompilerThread` 0.30 + 0.00 |")
                .doesNotContain("G1 Young")
                .endsWith("| 4.50 |");
    }

    @Test
    void profilesPerScenarioAndAbSummaries() {
        assertThat(md).contains("## Profiles", "### http-floor", "### generate", "#### java-17",
                "Allocated per request: 2,048 bytes");
        assertThat(md.indexOf("### http-floor")).isLessThan(md.indexOf("### generate\n"));
        assertThat(md).contains("## A/B of each kept change", "### 01-map-v2-sha\n\nInterleaved A/B",
                "| java-17 | map-v2-1000 | identities/CPU-s | 550000 | 891000 | 1.62 |");
        assertThat(md).containsOnlyOnce("### 01-map-v2-sha");
        assertThat(md.indexOf("## A/B of each kept change")).isLessThan(md.indexOf("## Notes"));
        assertThat(md.indexOf("## Notes")).isLessThan(md.indexOf("## Commands"));
    }

    @Test
    void sleepingDriverRunsAreShownBesideTheSpinningOnes() {
        assertThat(md).contains("### With a sleeping driver (for comparison)");
        // 26,000 of 50,000 per CPU-s; kernel 2 s over 130,000 requests = 15.4 µs, against 1 s over 180,000 = 5.56 µs
        assertThat(line("| java-17 | generate | 26,000 |")).isEqualTo("| java-17 | generate | 26,000 | 52 % | 3.00 | 15.4 | 5.56 |");
    }

    @Test
    void loadTableShowsBothShares() {
        assertThat(line("| generate | 32 |")).endsWith("| 400,000 | 9.0 % | 72 % |");
        assertThat(line("| map-v2-1000 | 8 |")).endsWith("| 30 % | – |");
    }

    @Test
    void chartIsWritten(@TempDir Path dir) throws Exception {
        new BenchReport(new Results(fixture), new AbRuns(null)).chart(dir.resolve("b.png"));
        assertThat(Files.size(dir.resolve("b.png"))).isPositive();
    }

    @Test
    void withoutAbSummariesTheMapFigureStandsAlone() throws Exception {
        String alone = new BenchReport(new Results(fixture), new AbRuns(null)).markdown("");
        assertThat(alone).contains("| 900,000 |").contains("No A/B summaries");
    }

    private static String line(String start) {
        for (String l : md.split("\n")) if (l.contains(start)) return l;
        throw new AssertionError("no line with " + start);
    }
}
