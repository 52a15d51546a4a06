package org.openuid.cluster;

/** One event of operations, carried out while traffic flows ({@link ScenarioRun} provides cluster and traffic). */
interface Scenario {
    /** The command-line name ({@code rolling-upgrade}, ...). */
    String name();

    /** One sentence for the report. */
    String description();

    /** Whether every request must succeed (rolling upgrade, rotations); otherwise only those hit by a fault may fail. */
    boolean zeroFailuresGoal();

    void run(ScenarioRun run) throws Exception;
}
