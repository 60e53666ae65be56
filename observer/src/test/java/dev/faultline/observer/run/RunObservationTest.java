package dev.faultline.observer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunObservationTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(1);

    private static final TargetRef WEB = new TargetRef("agent-1", "c1", "web");

    private final List<SloBreached> breaches = new ArrayList<>();

    @Test
    void aRunEndsOnceAsTheSharedLifecycleAllows() {
        RunObservation run = observation();
        assertThat(run.state()).isEqualTo(RunState.RUNNING);

        assertThat(run.ended(RunState.FINISHED)).isTrue();
        assertThat(run.ended(RunState.ABORTED)).isTrue();
        assertThat(run.ended(RunState.FINISHED)).isFalse();
        assertThat(run.state()).isEqualTo(RunState.ABORTED);
    }

    @Test
    void aFailureWhileRunningRaisesABreach() {
        RunObservation run = observation();

        run.record(ProbeSample.answered("health", INJECTED.plusMillis(100), 503, 200, 5));

        assertThat(breaches).hasSize(1);
    }

    @Test
    void theLastAnswersAfterTheRunEndedRaiseNoBreachButAreKept() {
        RunObservation run = observation();
        run.ended(RunState.FINISHED);

        run.record(ProbeSample.answered("health", INJECTED.plusMillis(100), 503, 200, 5));

        assertThat(breaches).isEmpty();
        assertThat(run.snapshot(T0.plusSeconds(11), null).samples()).hasSize(1);
    }

    @Test
    void adaptiveProbingIsHastenedAroundEachPlannedInjectionAndALastingFaultsRevert() {
        TargetSelection web = new TargetSelection(new Selector("web", null), null, null, null);
        HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:1/health", 200, Duration.ofMillis(100), null);
        Experiment experiment = new Experiment("cascade", "", Duration.ofSeconds(20),
                new SteadyState(Duration.ofSeconds(1), List.of(probe)),
                List.of(new FaultStep(web, ContainerKill.sigkill()),
                        new FaultStep(web, new ContainerPause(), Duration.ofSeconds(4), Duration.ofSeconds(3)),
                        new FaultStep(web, new ContainerPause(), null, Duration.ofSeconds(5))),
                new Slos(Duration.ofSeconds(30), 99.9));
        RunStarted started = RunStarted.of("run-2", experiment,
                List.of(new PlannedFault("f-1", WEB, ContainerKill.sigkill())), INJECTED, INJECTED.plusSeconds(20), T0);

        // a one-shot kill at 0 s; a pause from 3 s, reverted after its 4 s; a pause from 5 s for the run's 20 s
        assertThat(RunObserver.plannedTransitions(started)).containsExactly(INJECTED, INJECTED.plusSeconds(3),
                INJECTED.plusSeconds(7), INJECTED.plusSeconds(5), INJECTED.plusSeconds(25));
    }

    @Test
    void fastSamplesAreKeptApartAndRaiseNoBreach() {
        RunObservation run = observation();

        run.recordFast(ProbeSample.answered("health", INJECTED.plusMillis(100), 503, 200, 5));

        assertThat(breaches).isEmpty();
        ObservedRun observed = run.snapshot(T0.plusSeconds(11), null);
        assertThat(observed.samples()).isEmpty();
        assertThat(observed.fastSamples()).hasSize(1);
    }

    private RunObservation observation() {
        HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:1/health", 200, Duration.ofMillis(100), null);
        Experiment experiment = new Experiment("observe", "", Duration.ofSeconds(10),
                new SteadyState(Duration.ofSeconds(1), List.of(probe)),
                List.of(new FaultStep(new TargetSelection(new Selector("web", null), null, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 99.9));
        RunStarted started = RunStarted.of("run-1", experiment,
                List.of(new PlannedFault("f-1", WEB, ContainerKill.sigkill())), INJECTED, INJECTED.plusSeconds(10), T0);
        RunObservation run = new RunObservation(started, Clock.fixed(INJECTED.plusSeconds(1), ZoneOffset.UTC),
                breaches::add);
        run.injected(FaultInjected.of("run-1", "f-1", "container-kill", WEB,
                INJECTED, 10, INJECTED));
        return run;
    }
}
