package org.openuid.server.it;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openuid admin salts rotate [--fraction F] [--min-age-days D]} against a running operator (docs/configuration.md, "Salt rotation"). */
class SaltRotateCliTest {
    static final long DAY = 86_400_000L;

    @Test
    void rotatesTheGivenFractionOfTheBucketsThatAreOldEnough() throws Exception {
        AtomicLong offset = new AtomicLong(-40 * DAY);
        try (TestOperator op = TestOperator.bootstrapped(Map.of(), () -> System.currentTimeMillis() + offset.get())) {
            offset.set(0);
            CliRun quarter = CliRun.run(AdminHttp.cli(op, "salts", "rotate", "--fraction", "0.25"));
            assertThat(quarter.exitCode()).as(quarter.err()).isZero();
            assertThat(quarter.json().get("buckets").asInt()).isEqualTo(4096);
            assertThat(quarter.json().get("eligible").asInt()).isEqualTo(4096);
            assertThat(quarter.json().get("rotated").asInt()).isEqualTo(1024);
            // the rotated quarter is now younger than salt_rotation_min_age_days
            CliRun all = CliRun.run(AdminHttp.cli(op, "salts", "rotate", "--fraction", "1"));
            assertThat(all.json().get("eligible").asInt()).isEqualTo(3072);
            assertThat(all.json().get("rotated").asInt()).isEqualTo(3072);

            CliRun bad = CliRun.run(AdminHttp.cli(op, "salts", "rotate", "--fraction", "1.5"));
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).contains("--fraction must be between 0 and 1");
        }
    }

    @Test
    void onAFreshStoreItSaysWhyNothingRotatedAndMinAgeDaysRotatesAnyway() throws Exception {
        try (TestOperator op = TestOperator.bootstrapped(Map.of(), System::currentTimeMillis)) {
            CliRun fresh = CliRun.run(java.util.Arrays.stream(AdminHttp.cli(op, "salts", "rotate", "--fraction", "0.01"))
                    .filter(a -> !a.equals("--json")).toArray(String[]::new));
            assertThat(fresh.exitCode()).as(fresh.err()).isZero();
            assertThat(fresh.out()).contains("eligible:     0").contains("rotated:      0")
                    .contains("Note: no bucket is old enough to rotate: buckets rotate only once their salt is at least 30 days old")
                    .contains("--min-age-days").contains("the first buckets become eligible at ");

            CliRun young = CliRun.run(AdminHttp.cli(op, "salts", "rotate", "--fraction", "1", "--min-age-days", "0"));
            assertThat(young.exitCode()).as(young.err()).isZero();
            assertThat(young.json().get("rotated").asInt()).isEqualTo(4096);
            assertThat(young.json().has("note")).isFalse();

            CliRun bad = CliRun.run(AdminHttp.cli(op, "salts", "rotate", "--min-age-days", "-1"));
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err()).contains("--min-age-days must not be negative");
        }
    }
}
