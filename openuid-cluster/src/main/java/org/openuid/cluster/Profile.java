package org.openuid.cluster;

import java.util.List;

/**
 * How big a run is. {@link #SHORT} is the profile of the CI test (a small salt table, a few seconds of traffic around
 * each event); {@link #FULL} is the published run (a quarter of the production salt table, so that
 * the many node starts of a run fit a shared host; longer traffic and outages).
 *
 * @param saltBuckets      salt buckets the store is created with
 * @param workers          traffic threads
 * @param pauseMillis      pause of each thread between two operations (keeps the load moderate on a shared host)
 * @param settleMillis     traffic before the first and after the last event of a scenario
 * @param maxOperations    upper bound of operations per thread (loops are bounded in count as well as in time)
 * @param nodeHeap         -Xmx of each node
 */
record Profile(String name, int saltBuckets, int workers, long pauseMillis, long settleMillis, int maxOperations, String nodeHeap) {
    static final Profile SHORT = new Profile("short", 65_536, 3, 20, 3_000, 50_000, "384m");
    static final Profile FULL = new Profile("full", 262_144, 4, 10, 10_000, 500_000, "768m");

    List<String> nodeJvmOptions() {
        return List.of("-Xmx" + nodeHeap, "-XX:+UseSerialGC");
    }
}
