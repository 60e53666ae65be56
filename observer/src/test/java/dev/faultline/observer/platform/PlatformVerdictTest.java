package dev.faultline.observer.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.run.VerdictJudge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From the agent's target-state-changed events to the verdict's timeline and finding, through VerdictJudge. */
class PlatformVerdictTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(2);
    private static final Instant WINDOW_END = T0.plusSeconds(90);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "product");

    @Test
    void theTargetsOwnInstantsLandOnTheTimelineAndTheLateServiceRecoveryIsAFinding() {
        List<TargetStateChanged> platform = List.of(
                TargetStateChanged.of("run-1", "f1", TARGET, TargetState.DOWN, "die", INJECTED.minusMillis(2), T0),
                TargetStateChanged.of("run-1", "f1", TARGET, TargetState.UP, "start", INJECTED.plusMillis(15_200), T0));
        ObservedRun run = new ObservedRun("run-1", experiment(), INJECTED,
                List.of(FaultInjected.of("run-1", "f1", "container-kill", TARGET, INJECTED, 5, INJECTED)), List.of(),
                samplesFailingUntil(67_000), WINDOW_END, null, null, null, 0, null, null, platform);

        RunVerdict verdict = VerdictJudge.judge(run, WINDOW_END);

        RecoveryTimeline t = verdict.timelines().get(0);
        assertThat(t.platformDownAt()).isEqualTo(INJECTED.minusMillis(2));
        assertThat(t.platformUpAt()).isEqualTo(INJECTED.plusMillis(15_200));
        assertThat(t.platformHealthyAt()).isNull();
        assertThat(t.recoveredAt()).isEqualTo(INJECTED.plusSeconds(65));
        assertThat(verdict.findings()).anySatisfy(f -> assertThat(f)
                .contains("running again at " + INJECTED.plusMillis(15_200) + " (Docker start), 15.2 s after")
                .contains("recovered only at " + INJECTED.plusSeconds(65) + ", 49.8 s later"));
    }

    @Test
    void withoutPlatformEventsTheTimelineHasNoPlatformInstants() {
        ObservedRun run = new ObservedRun("run-1", experiment(), INJECTED,
                List.of(FaultInjected.of("run-1", "f1", "container-kill", TARGET, INJECTED, 5, INJECTED)), List.of(),
                samplesFailingUntil(67_000), WINDOW_END, null);

        RecoveryTimeline t = VerdictJudge.judge(run, WINDOW_END).timelines().get(0);

        assertThat(t.platformDownAt()).isNull();
        assertThat(t.platformUpAt()).isNull();
    }

    private static Experiment experiment() {
        HttpProbe health = new HttpProbe("health", "http://127.0.0.1:8080/health", 200, Duration.ofMillis(250),
                Duration.ofSeconds(1));
        return new Experiment("kill-product", "", Duration.ofSeconds(88), new SteadyState(Duration.ofSeconds(2),
                List.of(health)), List.of(new FaultStep(new TargetSelection(new Selector("product", null), 1, null,
                        null), ContainerKill.sigkill())), new Slos(Duration.ofSeconds(120), 10.0));
    }

    /** A probe every 250 ms from T0; failing from the injection until {@code upMs} after T0. */
    private static List<ProbeSample> samplesFailingUntil(long upMs) {
        List<ProbeSample> samples = new ArrayList<>();
        for (long ms = 0; ms <= 90_000; ms += 250) {
            boolean down = ms >= 2_000 && ms < upMs;
            samples.add(ProbeSample.answered("health", T0.plusMillis(ms), down ? 503 : 200, 200, 2));
        }
        return samples;
    }
}
