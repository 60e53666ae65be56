package dev.faultline.observer.slo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BreachWatcherTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(10);
    private static final HttpProbe PROBE = new HttpProbe("health", "http://127.0.0.1:1/health", null,
            Duration.ofMillis(100), Duration.ofSeconds(1));

    /** Availability 99.9 % over a 10 s window at 100 ms: the window holds at most 102 probes, so 1 failure breaks it. */
    private static BreachWatcher watcher() {
        BreachWatcher watcher = new BreachWatcher("run-1", new Slos(Duration.ofSeconds(30), 99.9), List.of(PROBE),
                INJECTED.plusSeconds(10));
        watcher.injected(INJECTED);
        return watcher;
    }

    @Test
    void aFailureAnsweredBeforeTheInjectionIsTheSteadyStatesNotABreach() {
        ProbeSample early = ProbeSample.answered("health", INJECTED.minusMillis(50), 503, 200, 20);

        assertThat(watcher().accept(early, INJECTED)).isEmpty();
    }

    @Test
    void aFailureSentBeforeTheInjectionAndAnsweredAfterItCountsForTheFault() {
        ProbeSample straddling = ProbeSample.unanswered("health", INJECTED.minusMillis(50),
                "HttpTimeoutException: request timed out", FailureKind.TIMEOUT, 1_000);

        Optional<SloBreached> breach = watcher().accept(straddling, INJECTED.plusSeconds(1));

        assertThat(breach).hasValueSatisfying(b -> assertThat(b.objective()).isEqualTo(SloEvaluator.MIN_AVAILABILITY));
    }
}
