package org.openuid.server.manage;

import org.openuid.server.jobs.JobRunner;
import org.openuid.server.jobs.ScheduledJob;

import java.util.function.LongConsumer;

/** "Run now" of a scheduled job, under the same cross-node lock as its schedule ({@link JobRunner#runNow}). */
final class JobRuns {
    private JobRuns() {}

    /** Runs {@code job}; CONFLICT when another node holds the lock, FAILED when it threw (the runner logs why). */
    static void runNow(JobRunner jobs, String lock, String what, LongConsumer job) {
        JobRunner.Outcome outcome = jobs.runNow(ScheduledJob.of(lock, job));
        if (outcome == JobRunner.Outcome.HELD_ELSEWHERE)
            throw ServiceException.conflict(what + " is running on another node right now: try again shortly");
        if (outcome == JobRunner.Outcome.FAILED) throw ServiceException.failed(what + " failed: see the operator log");
    }
}
