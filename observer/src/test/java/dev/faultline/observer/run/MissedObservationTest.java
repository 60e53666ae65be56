package dev.faultline.observer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissedObservationTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void aRunStartedReadWithinTheLateJoinBoundIsAWholeObservation() {
        assertThat(MissedObservation.lateJoin(T0, T0.plusMillis(200))).isFalse();
        assertThat(MissedObservation.lateJoin(T0, T0.plus(MissedObservation.LATE_JOIN))).isFalse();
        assertThat(MissedObservation.lateJoin(T0, T0.plus(MissedObservation.LATE_JOIN).plusMillis(1))).isTrue();
    }

    @Test
    void onlyARecentEndIsOwedAVerdict() {
        assertThat(MissedObservation.owedVerdict(T0, T0.plusSeconds(1))).isTrue();
        assertThat(MissedObservation.owedVerdict(T0, T0.plus(MissedObservation.FRESH_END))).isTrue();
        assertThat(MissedObservation.owedVerdict(T0, T0.plus(MissedObservation.FRESH_END).plusMillis(1))).isFalse();
    }

    @Test
    void aPartialObservationFailsKeepsWhatWasMeasuredAndSaysWhenItBegan() {
        List<ProbeLane> lanes = List.of(new ProbeLane("health", 250,
                List.of(new ProbeSegment(ProbeSegment.OK, T0.plusSeconds(12), T0.plusSeconds(20), 33))));
        RunVerdict judged = RunVerdict.of("run-1", "exp", Verdict.PASS, List.of(), List.of(), List.of("all good"),
                250, T0.plusSeconds(30)).withProbeLanes(lanes);

        RunVerdict partial = MissedObservation.partial(judged, T0, T0.plusSeconds(12));

        assertThat(partial.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(partial.findings()).containsExactly("no verdict: the observer began observing at "
                + T0.plusSeconds(12) + ", 12000 ms after the run started at " + T0
                + " (it was restarted during the run); what happened before is not measured", "all good");
        assertThat(partial.messageId()).isEqualTo(judged.messageId());
        assertThat(partial.experimentName()).isEqualTo("exp");
        assertThat(partial.probeLanes()).as("the samples it took").isEqualTo(lanes);
    }

    @Test
    void anUnobservedRunFailsWithNoMeasurementsAndItsAbortReason() {
        RunVerdict verdict = MissedObservation.unobserved("run-2", "halted by otto: drill", T0);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.runId()).isEqualTo("run-2");
        assertThat(verdict.timelines()).isEmpty();
        assertThat(verdict.findings()).hasSize(2);
        assertThat(verdict.findings().get(0)).startsWith("no verdict:");
        assertThat(verdict.findings().get(1)).isEqualTo("run aborted: halted by otto: drill");
    }
}
