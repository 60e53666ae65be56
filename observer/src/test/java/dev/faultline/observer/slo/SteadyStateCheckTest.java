package dev.faultline.observer.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.verdict.FailureKind;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyStateCheckTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant INJECTED = T0.plusMillis(1_000);
    private static final Instant WINDOW_END = T0.plusMillis(5_000);

    /** Passing probes every 100 ms from T0 to 900 ms, each answered 3 ms after it was sent. */
    private static List<ProbeSample> healthyBeforeInjection() {
        List<ProbeSample> samples = new ArrayList<>();
        for (long ms = 0; ms < 1_000; ms += 100) {
            samples.add(ProbeSample.answered("health", T0.plusMillis(ms), 200, 200, 3));
        }
        return samples;
    }

    @Test
    void aProbeSentBeforeTheInjectionAndFailingAfterItDoesNotCountAgainstTheSteadyState() {
        List<ProbeSample> samples = healthyBeforeInjection();
        ProbeSample straddling = ProbeSample.unanswered("health", INJECTED.minusMillis(10),
                "HttpTimeoutException: request timed out", FailureKind.TIMEOUT, 1_000);
        samples.add(straddling);

        SteadyStateCheck check = SteadyStateCheck.before(INJECTED, samples);

        assertThat(check.met()).isTrue();
        assertThat(check.checked()).isEqualTo(10);
        assertThat(check.finding()).isEmpty();
        assertThat(TimelineCalculator.inWindow(straddling, INJECTED, WINDOW_END)).as("it is the fault's").isTrue();
    }

    @Test
    void aProbeAnsweredExactlyAtTheInjectionBelongsToTheFault() {
        List<ProbeSample> samples = healthyBeforeInjection();
        samples.add(ProbeSample.answered("health", INJECTED.minusMillis(40), 503, 200, 40));

        assertThat(SteadyStateCheck.before(INJECTED, samples).met()).isTrue();
    }

    @Test
    void aProbeSentAndAnsweredBeforeTheInjectionFailsTheSteadyState() {
        List<ProbeSample> samples = healthyBeforeInjection();
        ProbeSample early = ProbeSample.answered("health", INJECTED.minusMillis(40), 503, 200, 39);
        samples.add(early);

        SteadyStateCheck check = SteadyStateCheck.before(INJECTED, samples);

        assertThat(check.met()).isFalse();
        assertThat(check.failed()).isEqualTo(1);
        assertThat(check.finding()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("steady state not met before injection: 1 of 11 probes failed"));
        assertThat(TimelineCalculator.inWindow(early, INJECTED, WINDOW_END)).isFalse();
    }
}
