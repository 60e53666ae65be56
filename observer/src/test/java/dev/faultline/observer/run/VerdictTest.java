package dev.faultline.observer.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.LoadTest;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules that combine faults, steady state and SLOs into PASS or FAIL (VerdictJudge). */
class VerdictTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(2);
    private static final Instant WINDOW_END = T0.plusSeconds(10);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders");
    private static final HttpProbe HEALTH = new HttpProbe("health", "http://127.0.0.1:8080/health", 200,
            Duration.ofMillis(250), Duration.ofSeconds(1));
    private static final Slos SLOS = new Slos(Duration.ofSeconds(3), 80.0);

    private static Experiment experiment(Slos slos, HttpProbe... probes) {
        return new Experiment("kill-orders", "", Duration.ofSeconds(8), new SteadyState(Duration.ofSeconds(2),
                List.of(probes)), List.of(new FaultStep(new TargetSelection(new Selector("orders", null), 1, null, null),
                        ContainerKill.sigkill())), slos);
    }

    /** Samples of a probe every 250 ms from T0 to the window end; failing from {@code downMs} to {@code upMs}. */
    private static List<ProbeSample> samples(String probe, long downMs, long upMs) {
        List<ProbeSample> samples = new ArrayList<>();
        for (long ms = 0; ms <= 10_000; ms += 250) {
            boolean down = ms >= downMs && ms < upMs;
            samples.add(ProbeSample.answered(probe, T0.plusMillis(ms), down ? 503 : 200, 200, 2));
        }
        return samples;
    }

    private static FaultInjected injected(String faultId, Instant at) {
        return FaultInjected.of("run-1", faultId, "container-kill", TARGET, at, 5, at);
    }

    private static ObservedRun run(Experiment experiment, List<FaultInjected> injections, List<FaultFailed> failures,
            List<ProbeSample> samples, String abortReason) {
        return new ObservedRun("run-1", experiment, INJECTED, injections, failures, samples, WINDOW_END, abortReason);
    }

    private static RunVerdict judge(ObservedRun run) {
        return VerdictJudge.judge(run, WINDOW_END.plusMillis(5));
    }

    @Test
    void quickRecoveryWithHealthySteadyStatePasses() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 2_250, 3_500), null));

        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.findings()).isEmpty();
        assertThat(v.runId()).isEqualTo("run-1");
        assertThat(v.experimentName()).isEqualTo("kill-orders");
        assertThat(v.probeIntervalMillis()).isEqualTo(250);
        RecoveryTimeline timeline = v.timelines().get(0);
        assertThat(v.timelines()).hasSize(1);
        assertThat(timeline.timeToDetectMillis()).isEqualTo(250);
        assertThat(timeline.timeToRecoverMillis()).isEqualTo(1_500);
        assertThat(v.slos()).extracting(SloResult::status).containsOnly(SloStatus.PASS);
    }

    /** A run whose load test could not start would otherwise pass on its probes alone, without the load it asked for. */
    @Test
    void aLoadTestThatCouldNotStartFailsTheRunSayingWhy() {
        Experiment base = experiment(SLOS, HEALTH);
        Experiment withLoad = new Experiment(base.name(), base.description(), base.duration(), base.steadyState(),
                base.faults(), base.slos(), new LoadTest(null, "http://127.0.0.1:8080/orders", null, null, 5, null,
                        null), null, null, null);
        ObservedRun started = run(withLoad, List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 2_250, 3_500), null);
        ObservedRun notStarted = new ObservedRun(started.runId(), withLoad, INJECTED, started.injections(), List.of(),
                started.samples(), WINDOW_END, null, List.of(), List.of(), 0, null, null, List.of(),
                "Artillery is not installed on the observer's host");

        assertThat(judge(notStarted).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(judge(notStarted).findings())
                .contains("load test could not start: Artillery is not installed on the observer's host");
        assertThat(judge(started).findings()).noneMatch(f -> f.startsWith("load test could not start"));
    }

    @Test
    void noInjectedFaultFails() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(), List.of(), samples("health", 99_000, 99_000),
                null));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.timelines()).isEmpty();
        assertThat(v.slos()).extracting(SloResult::status).containsOnly(SloStatus.NO_DATA);
        assertThat(v.findings()).anySatisfy(f -> assertThat(f).contains("no fault was injected"));
    }

    @Test
    void aFailedFaultFailsTheRunEvenWhenTheOthersPass() {
        FaultFailed failed = FaultFailed.of("run-1", "f2", "container-kill",
                new TargetRef("agent-2", "beef", "payments"), FailureReason.TARGET_NOT_RUNNING,
                "container payments is exited", INJECTED);

        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(failed),
                samples("health", 2_250, 3_500), null));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.slos()).extracting(SloResult::status).containsOnly(SloStatus.PASS);
        assertThat(v.findings()).containsExactly(
                "fault f2 on payments@agent-2 failed: target-not-running: container payments is exited");
    }

    @Test
    void failingSteadyStateFails() {
        // down from 1000 to 1500 ms: two failed probes of the 8 taken before the injection at 2000 ms.
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 1_000, 1_500), null));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.slos()).extracting(SloResult::status).containsOnly(SloStatus.PASS);
        assertThat(v.findings()).singleElement().asString()
                .startsWith("steady state not met before injection: 2 of 8 probes failed");
    }

    @Test
    void steadyStateIsCheckedBeforeTheFirstOfSeveralInjections() {
        // failing 2500..3000 is after the first injection (2000), although before the second one (4000).
        RunVerdict v = judge(run(experiment(SLOS, HEALTH),
                List.of(injected("f2", INJECTED.plusSeconds(2)), injected("f1", INJECTED)), List.of(),
                samples("health", 2_500, 3_000), null));

        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.timelines()).extracting(RecoveryTimeline::faultId).containsExactly("f1", "f2");
        assertThat(v.timelines().get(1).timeToRecoverMillis()).isZero();
    }

    @Test
    void steadyStateWithoutSamplesIsANoteNotAFailure() {
        List<ProbeSample> afterInjection = samples("health", 2_250, 3_500).stream()
                .filter(s -> !s.sentAt().isBefore(INJECTED)).toList();

        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                afterInjection, null));

        assertThat(v.verdict()).isEqualTo(Verdict.PASS);
        assertThat(v.findings()).singleElement().asString().contains("steady state could not be checked");
    }

    @Test
    void slowRecoveryFails() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 2_250, 6_000), null));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.timelines().get(0).timeToRecoverMillis()).isEqualTo(4_000);
        assertThat(v.findings()).anySatisfy(f -> assertThat(f).contains("max-recovery-time failed", "4000 ms"));
    }

    @Test
    void noRecoveryBeforeTheEndFails() {
        RunVerdict v = judge(run(experiment(new Slos(Duration.ofMinutes(5), 0.0), HEALTH),
                List.of(injected("f1", INJECTED)), List.of(), samples("health", 2_250, 99_000), null));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.timelines().get(0).recoveredAt()).isNull();
        assertThat(v.slos().get(0).measured()).isEqualTo(8_000);
        assertThat(v.findings()).anySatisfy(f -> assertThat(f).contains("did not recover within the run"));
    }

    @Test
    void abortedRunFailsWhateverWasMeasured() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 2_250, 3_500), "halted by operator alice"));

        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(v.slos()).extracting(SloResult::status).containsOnly(SloStatus.PASS);
        assertThat(v.findings()).containsExactly("run aborted: halted by operator alice");
    }

    @Test
    void everyProbeGetsATimelinePerFaultAndTheSmallestIntervalIsReported() {
        HttpProbe deep = new HttpProbe("deep", "http://127.0.0.1:8080/deep", 200, Duration.ofMillis(500), null);
        List<ProbeSample> samples = new ArrayList<>(samples("health", 2_250, 3_500));
        samples.addAll(samples("deep", 2_250, 8_000).stream().filter(s -> s.sentAt().toEpochMilli() % 500 == 0)
                .toList());

        RunVerdict v = judge(run(experiment(SLOS, HEALTH, deep), List.of(injected("f1", INJECTED)), List.of(),
                samples, null));

        assertThat(v.probeIntervalMillis()).isEqualTo(250);
        assertThat(v.timelines()).extracting(RecoveryTimeline::probe).containsExactly("health", "deep");
        assertThat(v.timelines().get(1).timeToRecoverMillis()).isEqualTo(6_000);
        assertThat(v.timelines().get(1).resolutionMillis()).isEqualTo(500);
        assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void theVerdictCarriesEveryProbesLaneOverTheWholeRunSteadyStateIncluded() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(injected("f1", INJECTED)), List.of(),
                samples("health", 2_250, 3_500), null));

        assertThat(v.probeLanes()).singleElement().satisfies(lane -> {
            assertThat(lane.probe()).isEqualTo("health");
            assertThat(lane.intervalMillis()).isEqualTo(250);
            assertThat(lane.segments()).containsExactly(
                    new ProbeSegment(ProbeSegment.OK, T0, T0.plusMillis(2_000), 9),
                    new ProbeSegment(ProbeSegment.FAILED, T0.plusMillis(2_250), T0.plusMillis(3_250), 5),
                    new ProbeSegment(ProbeSegment.OK, T0.plusMillis(3_500), WINDOW_END, 27));
        });
    }

    @Test
    void aRunWithoutInjectionStillHasItsLanes() {
        RunVerdict v = judge(run(experiment(SLOS, HEALTH), List.of(), List.of(), samples("health", 99_000, 99_000),
                "halted"));

        assertThat(v.probeLanes()).singleElement().extracting(lane -> lane.segments().size()).isEqualTo(1);
    }
}
