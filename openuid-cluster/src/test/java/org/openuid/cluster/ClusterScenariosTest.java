package org.openuid.cluster;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios of the cluster bench in the build, with its short profile: three real nodes on a PostgreSQL primary and
 * replica behind HAProxy, under verified traffic (docs/reliability.md). Runs when {@code OPENUID_TEST_CLUSTER=1} (as
 * {@code .ci/run} sets it) and then fails, never skips, if anything it needs is missing.
 */
class ClusterScenariosTest {

    @Test
    void aRollingUpgradeFailsNoRequestAndLosesNoOptOut() throws Exception {
        runWithoutFailures(new RollingUpgrade());
    }

    @Test
    void aSecretsKeyRotationFailsNoRequestAndLosesNoOptOut() throws Exception {
        // step 3 starts every node with the new key alone: a value left under the old key would stop it
        runWithoutFailures(new SecretsKeyRotation());
    }

    private static void runWithoutFailures(Scenario scenario) throws Exception {
        Assumptions.assumeTrue("1".equals(System.getenv("OPENUID_TEST_CLUSTER")), "set OPENUID_TEST_CLUSTER=1 to run the cluster bench");
        Path jar = Path.of(System.getProperty("openuid.jar", "../openuid-server/target/openuid.jar"));
        assertThat(jar).as("the server jar, built in the package phase of openuid-server").isRegularFile();

        Report.Result r = ClusterBench.run(scenario, jar, Profile.SHORT, Path.of("target", "cluster-results"));

        System.out.println(Report.markdown(r));
        assertThat(r.failures()).as("failed requests").isEmpty();
        assertThat(r.failed()).isZero();
        assertThat(r.sent()).as("traffic flowed").isGreaterThan(100);
        assertThat(r.optOutsAcknowledged()).as("opt-outs acknowledged").isGreaterThan(10);
        assertThat(r.optOutsLost()).as("acknowledged opt-outs lost").isEmpty();
        assertThat(r.optOutsHonoured()).isEqualTo(r.optOutsAcknowledged());
        assertThat(Files.exists(Path.of("target", "cluster-results", scenario.name() + ".json"))).isTrue();
    }
}
