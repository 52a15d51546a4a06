package org.openuid.cluster;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the bench judges figures: failures inside a fault's window are allowed only where the goal says so. */
class ReportTest {
    private static Report.Result result(boolean zeroGoal, List<Report.FailureGroup> failures, List<String> lost) {
        long failed = failures.stream().mapToLong(Report.FailureGroup::count).sum();
        return new Report.Result("s", "d", "short", Map.of("/v2/token/logout", new long[] {10, failed}), 10, failed,
                5, 0, 5 - lost.size(), lost, 0, Map.of(), List.of(), failures, zeroGoal);
    }

    @Test
    void failuresDuringAFaultMeetTheFaultGoalButNotTheZeroGoal() {
        List<Report.FailureGroup> during = List.of(new Report.FailureGroup("/v2/token/logout", "503", 2, 1000, 2000, "primary outage"));
        assertThat(result(false, during, List.of()).goalsMet()).isTrue();
        assertThat(result(true, during, List.of()).goalsMet()).isFalse();
    }

    @Test
    void aFailureOutsideAnyFaultOrALostOptOutFailsEveryGoal() {
        List<Report.FailureGroup> outside = List.of(new Report.FailureGroup("/v2/token/logout", "503", 1, 1000, 1000, null));
        assertThat(result(false, outside, List.of()).goalsMet()).isFalse();
        assertThat(result(false, List.of(), List.of("x@bench.example not reported by node1")).goalsMet()).isFalse();
        assertThat(Report.markdown(result(false, outside, List.of()))).contains("Not met").contains("outside any fault");
    }
}
