package org.openuid.server.jobs;

import java.util.function.LongConsumer;

/** Work that a {@link JobRunner} runs on one node at a time: {@code runOnce(nowMs)} with the operator's clock. */
public interface ScheduledJob {

    /** Names the job's lock: nodes running jobs of the same name exclude each other. */
    String name();

    void runOnce(long nowMs);

    static ScheduledJob of(String name, LongConsumer run) {
        return new ScheduledJob() {
            @Override
            public String name() { return name; }

            @Override
            public void runOnce(long nowMs) { run.accept(nowMs); }

            @Override
            public String toString() { return name; }
        };
    }
}
