package org.openuid.server.jobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openuid.core.uid.SaltTable;
import org.openuid.server.config.OperatorConfig;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.store.bootstrap.Bootstrap;
import org.openuid.store.bootstrap.BootstrapOptions;
import org.openuid.store.Store;
import org.openuid.store.Stores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The salt rotation job over a real embedded store: runOnce, the interval guard and the schedule. */
class SaltRotationJobTest {
    static final long DAY = 86_400_000L;
    static final long HOUR = 3_600_000L;
    /** 2026-06-01T10:00:00Z. */
    static final long NOW = 1_780_308_000_000L;
    static final int BUCKETS = 100;

    Path dir;
    Store store;
    final AtomicInteger changes = new AtomicInteger();

    @BeforeEach
    void bootstrap() throws Exception {
        dir = Files.createTempDirectory("openuid-salts");
        store = Stores.open(dir.toString());
        Bootstrap.bootstrapIfEmpty(store, BootstrapOptions.defaults().withSaltBucketCount(BUCKETS), NOW - 40 * DAY);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static SaltRotationSettings settings(double fraction, int intervalHours) {
        return new SaltRotationSettings(true, fraction, 30, intervalHours, 30);
    }

    SaltRotationJob job(double fraction, int intervalHours) {
        return new SaltRotationJob(store, settings(fraction, intervalHours), new Random(1), changes::incrementAndGet);
    }

    int updatedSince(long ms) {
        SaltTable t = store.loadAll().salts();
        int n = 0;
        for (int i = 0; i < t.size(); i++) if (t.lastUpdated(i) >= ms) n++;
        return n;
    }

    @Test
    void runOnceRotatesTheFractionAndMovesTheChangeVersion() {
        long version = store.changeVersion();
        SaltRotationJob.Result r = job(0.1, 24).runOnce(NOW);
        assertThat(r).isEqualTo(new SaltRotationJob.Result(BUCKETS, BUCKETS, 10));
        assertThat(store.changeVersion()).isGreaterThan(version);
        assertThat(updatedSince(NOW)).isEqualTo(10);
        assertThat(changes).hasValue(1);
        SaltTable t = store.loadAll().salts();
        for (int i = 0; i < t.size(); i++) {
            if (t.lastUpdated(i) == NOW) {
                assertThat(t.previousSalt(i)).hasSize(44);
                assertThat(t.refreshFrom(i)).isEqualTo(NOW + 30 * DAY);
            } else {
                assertThat(t.previousSalt(i)).isEmpty();
            }
        }
    }

    @Test
    void bucketsYoungerThanTheMinimumAgeAreLeftAlone() {
        SaltRotationJob job = job(1.0, 24);
        assertThat(job.runOnce(NOW - 11 * DAY).rotatedCount()).isZero();
        assertThat(changes).hasValue(0);
        assertThat(job.runOnce(NOW).rotatedCount()).isEqualTo(BUCKETS);
        assertThat(job.runOnce(NOW + 29 * DAY).rotatedCount()).isZero();
        assertThat(changes).hasValue(1);
    }

    @Test
    void theScheduledPathRunsOncePerInterval() {
        SaltRotationJob job = job(0.1, 24);
        assertThat(job.isDue(NOW)).isTrue();
        job.tick(NOW);
        assertThat(updatedSince(NOW)).isEqualTo(10);
        assertThat(job.isDue(NOW + HOUR)).isFalse();
        job.tick(NOW + HOUR);
        assertThat(updatedSince(NOW)).isEqualTo(10);
        // the next UTC day is a new interval
        assertThat(job.isDue(NOW + DAY)).isTrue();
        job.tick(NOW + DAY);
        assertThat(updatedSince(NOW)).isEqualTo(20);
    }

    @Test
    void theJobRunnerTicksAtTheIntervalBoundaryOfTheOperatorClock() throws Exception {
        long realStart = System.currentTimeMillis();
        long boundary = NOW - NOW % HOUR + HOUR;
        // an operator clock half a second before an hour boundary, running at real speed
        java.util.function.LongSupplier clock = () -> boundary - 500 + (System.currentTimeMillis() - realStart);
        SaltRotationSettings hourly = settings(0.1, 1);
        try (JobRunner runner = new JobRunner(store.jobLock(), clock)) {
            runner.scheduleSaltRotation(new SaltRotationJob(store, hourly, new Random(2), changes::incrementAndGet), hourly);
            for (int i = 0; i < 300 && changes.get() == 0; i++) Thread.sleep(100);
        }
        assertThat(changes).hasValue(1);
        assertThat(updatedSince(boundary + SaltRotationJob.SLACK_MILLIS)).isEqualTo(10);
    }

    @Test
    void configurationKeys() {
        OperatorConfig d = OperatorConfig.defaults();
        assertThat(d.saltRotation()).isEqualTo(new SaltRotationSettings(true, 0.00274, 30, 24, 30));
        assertThat(d.optoutStatusApiEnabled()).isTrue();
        OperatorConfig c = OperatorConfig.fromSettings(Map.of("salt_rotation_enabled", "false", "salt_rotation_fraction", "0.5",
                "salt_rotation_min_age_days", "7", "salt_rotation_interval_hours", "6", "salt_rotation_refresh_delay_days", "1"));
        assertThat(c.saltRotation()).isEqualTo(new SaltRotationSettings(false, 0.5, 7, 6, 1));
        assertThat(c.saltRotation().rotation().minAgeMs()).isEqualTo(7 * DAY);
        assertThat(c.saltRotation().intervalMs()).isEqualTo(6 * HOUR);
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("salt_rotation_fraction", "2")))
                .hasMessageContaining("salt_rotation_fraction");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("salt_rotation_fraction", "daily")))
                .hasMessageContaining("salt_rotation_fraction");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("salt_rotation_interval_hours", "0")))
                .hasMessageContaining("salt_rotation_interval_hours");
        assertThatThrownBy(() -> OperatorConfig.fromSettings(Map.of("salt_rotation_min_age_days", "-1")))
                .hasMessageContaining("salt_rotation_min_age_days");
    }
}
