package org.openuid.server.jobs;

import org.openuid.server.config.KeyRotationSettings;
import org.openuid.server.config.SaltRotationSettings;
import org.openuid.store.JobLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs scheduled jobs (key rotation, salt rotation) so that, across all nodes sharing a store, each job runs on
 * exactly one node at a time (docs/deployment.md, "Scheduled jobs"). Every node schedules every enabled job; when a
 * run is due the node tries the job's {@link JobLock} and either runs {@link ScheduledJob#runOnce} while holding it
 * or, when another node holds it, skips this turn. Jobs decide from the store's current content, so whichever node
 * runs next carries on where the last run stopped. A failed run is logged and retried at the next turn.
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** When the next run of a job is due. */
    @FunctionalInterface
    public interface Schedule {
        /** Milliseconds from {@code nowMs} (operator clock) to the next run; {@code first} for the run after start. */
        long delayMillis(long nowMs, boolean first);
    }

    /** What {@link #runNow} did. */
    public enum Outcome {
        /** The job ran to the end on this node. */
        RAN,
        /** Another node (or thread) holds the job's lock: nothing was done. */
        HELD_ELSEWHERE,
        /** The lock could not be taken or the job failed (logged). */
        FAILED
    }

    /** Lock names of the rotation jobs. */
    public static final String KEY_ROTATION = "key-rotation";
    public static final String SALT_ROTATION = "salt-rotation";

    private final JobLock locks;
    private final LongSupplier clock;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    public JobRunner(JobLock locks, LongSupplier clock) {
        this.locks = locks;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "openuid-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** First run {@code firstDelayMs} after start, then {@code intervalMs} after each turn. */
    public static Schedule fixedDelay(long firstDelayMs, long intervalMs) {
        return (now, first) -> first ? firstDelayMs : intervalMs;
    }

    /**
     * At every multiple of {@code intervalMs} on the operator clock, plus {@code slackMs} (so that a timer firing a
     * little early still lands in the new interval); never right at start.
     */
    public static Schedule aligned(long intervalMs, long slackMs) {
        return (now, first) -> intervalMs - Math.floorMod(now - slackMs, intervalMs) + slackMs;
    }

    /** Key rotation on its schedule: shortly after start (to catch up), then every {@code key_rotation_interval_minutes}. */
    public JobRunner scheduleKeyRotation(KeyRotationJob job, KeyRotationSettings settings) {
        long interval = settings.intervalMinutes() * 60_000L;
        return schedule(ScheduledJob.of(KEY_ROTATION, job::runOnce),
                fixedDelay(Math.min(KeyRotationJob.FIRST_RUN_DELAY_MILLIS, interval), interval));
    }

    /** Salt rotation on its schedule: at the clock's multiples of {@code salt_rotation_interval_hours}, when due. */
    public JobRunner scheduleSaltRotation(SaltRotationJob job, SaltRotationSettings settings) {
        return schedule(ScheduledJob.of(SALT_ROTATION, job::tick), aligned(settings.intervalMs(), SaltRotationJob.SLACK_MILLIS));
    }

    /** Schedules {@code job}; each turn runs it through {@link #runNow}. */
    public JobRunner schedule(ScheduledJob job, Schedule schedule) {
        scheduleTurn(job, schedule, true);
        return this;
    }

    private void scheduleTurn(ScheduledJob job, Schedule schedule, boolean first) {
        if (scheduler.isShutdown()) return;
        long delay = Math.max(0, schedule.delayMillis(clock.getAsLong(), first));
        try {
            scheduler.schedule(() -> {
                runNow(job);
                scheduleTurn(job, schedule, false);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    /** Runs {@code job} once now if no other node is running it. */
    public Outcome runNow(ScheduledJob job) {
        Optional<JobLock.Held> lock;
        try {
            lock = locks.tryAcquire(job.name());
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("job {}: could not take its lock, retrying at the next turn: {}", job.name(), e.toString());
            return Outcome.FAILED;
        }
        if (lock.isEmpty()) {
            skipped.incrementAndGet();
            LOG.debug("job {}: running on another node, skipping this turn", job.name());
            return Outcome.HELD_ELSEWHERE;
        }
        try (JobLock.Held held = lock.get()) {
            job.runOnce(clock.getAsLong());
            runs.incrementAndGet();
            return Outcome.RAN;
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.warn("job {} failed, retrying at the next turn: {}", job.name(), e.toString());
            return Outcome.FAILED;
        }
    }

    /** Turns in which a job ran on this node. */
    public long runs() { return runs.get(); }

    /** Turns skipped because another node held the job's lock. */
    public long skipped() { return skipped.get(); }

    /** Turns that failed (lock or job). */
    public long failed() { return failed.get(); }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
