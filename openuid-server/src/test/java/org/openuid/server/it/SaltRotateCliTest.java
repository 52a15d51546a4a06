package org.openuid.server.it;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openuid admin salts rotate [--fraction F]} against a running operator (docs/configuration.md, "Salt rotation"). */
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
}
