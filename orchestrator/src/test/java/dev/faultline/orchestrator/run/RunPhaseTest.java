package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.run.RunState;
import dev.faultline.common.target.TargetRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunPhaseTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECT_AT = CREATED.plusSeconds(5);
    private static final Instant OBSERVE_UNTIL = INJECT_AT.plusSeconds(30);
    private static final TargetRef WEB = new TargetRef("agent-1", "c1", "web");

    /** A pause of 10 s at the injection instant, a kill 4 s later: faults until 10 s after the injection instant. */
    private static final List<PlannedFault> PLAN = List.of(
            new PlannedFault("f-pause", WEB, new ContainerPause(), Duration.ofSeconds(10), Duration.ZERO),
            new PlannedFault("f-kill", WEB, ContainerKill.sigkill(), Duration.ofSeconds(30), Duration.ofSeconds(4)));

    @ParameterizedTest(name = "{0} ms after the injection instant: {1}")
    @CsvSource({
            "-5000, WARM_UP",
            "-1, WARM_UP",
            "0, FAULTS",
            "3999, FAULTS",
            // the kill is one-shot: once sent it is over, but the pause lasts its 10 s
            "4000, FAULTS",
            "9999, FAULTS",
            "10000, OBSERVING",
            "29999, OBSERVING",
            // the close of the window may be late on the timer: past its end the verdict is what is awaited
            "30000, JUDGING",
            "60000, JUDGING",
    })
    void aRunningRunMovesThroughWarmUpFaultsObservingAndJudgingWithTheClock(long millis, RunPhase expected) {
        assertThat(RunPhase.of(view(RunState.RUNNING, List.of(), List.of()), INJECT_AT.plusMillis(millis)))
                .isEqualTo(expected);
    }

    @Test
    void aWaveStillToComeKeepsTheRunInFaultsEvenWhenTheFaultsBeforeItAreOver() {
        List<PlannedFault> plan = List.of(
                new PlannedFault("f-first", WEB, ContainerKill.sigkill(), Duration.ofSeconds(30), Duration.ZERO),
                new PlannedFault("f-later", WEB, ContainerKill.sigkill(), Duration.ofSeconds(30),
                        Duration.ofSeconds(20)));
        RunView run = view(RunState.RUNNING, plan, List.of(), List.of());

        assertThat(RunPhase.of(run, INJECT_AT.plusSeconds(19))).isEqualTo(RunPhase.FAULTS);
        assertThat(RunPhase.of(run, INJECT_AT.plusSeconds(20))).isEqualTo(RunPhase.OBSERVING);
    }

    @Test
    void aLastingFaultThatWasRevertedOrFailedIsOverBeforeItsPlannedEnd() {
        FaultReverted reverted = FaultReverted.of("run-1", "f-pause", "container-pause", WEB, INJECT_AT.plusSeconds(6),
                "requested", INJECT_AT.plusSeconds(6));
        FaultFailed failed = FaultFailed.of("run-1", "f-pause", "container-pause", WEB, FailureReason.TARGET_NOT_FOUND,
                "no such container", INJECT_AT);
        Instant beforePlannedEnd = INJECT_AT.plusSeconds(7);

        assertThat(RunPhase.of(view(RunState.RUNNING, List.of(), List.of(reverted)), beforePlannedEnd))
                .isEqualTo(RunPhase.OBSERVING);
        assertThat(RunPhase.of(view(RunState.RUNNING, List.of(), List.of(reverted)), INJECT_AT.plusSeconds(5)))
                .as("before its revert it was still in effect").isEqualTo(RunPhase.FAULTS);
        assertThat(RunPhase.of(view(RunState.RUNNING, List.of(failed), List.of()), beforePlannedEnd))
                .isEqualTo(RunPhase.OBSERVING);
    }

    @Test
    void aFaultPastItsInstantIsStillToComeUntilItsAgentConfirmsOrRefusesIt() {
        List<PlannedFault> plan = List.of(
                new PlannedFault("f-kill", WEB, ContainerKill.sigkill(), Duration.ofSeconds(30), Duration.ZERO));
        FaultInjected confirmed = FaultInjected.of("run-1", "f-kill", "container-kill", WEB,
                INJECT_AT.plusMillis(300), 3, INJECT_AT.plusMillis(300));
        FaultFailed refused = FaultFailed.of("run-1", "f-kill", "container-kill", WEB, FailureReason.TARGET_NOT_FOUND,
                "no such container", INJECT_AT.plusMillis(300));
        Instant later = INJECT_AT.plusMillis(400);

        assertThat(RunPhase.of(view(RunState.RUNNING, plan, List.of(), List.of(), List.of()), later))
                .as("sent, not yet confirmed").isEqualTo(RunPhase.FAULTS);
        assertThat(RunPhase.of(view(RunState.RUNNING, plan, List.of(confirmed), List.of(), List.of()), later))
                .isEqualTo(RunPhase.OBSERVING);
        assertThat(RunPhase.of(view(RunState.RUNNING, plan, List.of(), List.of(refused), List.of()), later))
                .isEqualTo(RunPhase.OBSERVING);
    }

    @Test
    void aLastingFaultWithoutADurationLastsUntilItIsReverted() {
        List<PlannedFault> plan = List.of(new PlannedFault("f-pause", WEB, new ContainerPause(), Duration.ZERO));

        assertThat(RunPhase.of(view(RunState.RUNNING, plan, List.of(), List.of()), OBSERVE_UNTIL.minusMillis(1)))
                .isEqualTo(RunPhase.FAULTS);
    }

    @Test
    void aRunWithoutFaultsObservesAfterItsWarmUp() {
        assertThat(RunPhase.of(view(RunState.RUNNING, List.of(), List.of(), List.of()), INJECT_AT))
                .isEqualTo(RunPhase.OBSERVING);
    }

    @ParameterizedTest(name = "{0}: {1} whatever the time")
    @CsvSource({"FINISHED, JUDGING", "COMPLETED, COMPLETED", "ABORTED, ABORTED"})
    void anEndedOrFinishedRunHasThePhaseItsStateTells(RunState state, RunPhase expected) {
        RunView run = view(state, List.of(), List.of());

        assertThat(RunPhase.of(run, CREATED)).isEqualTo(expected);
        assertThat(RunPhase.of(run, INJECT_AT.plusSeconds(3))).isEqualTo(expected);
        assertThat(RunPhase.ofState(state)).isEqualTo(expected);
    }

    @Test
    void aRunningRunHasNoPhaseWithoutAnInstant() {
        assertThat(RunPhase.ofState(RunState.RUNNING)).isNull();
    }

    private static RunView view(RunState state, List<FaultFailed> failed, List<FaultReverted> reverted) {
        return view(state, PLAN, failed, reverted);
    }

    /** A run whose agents confirmed every fault that did not fail, at its planned instant. */
    private static RunView view(RunState state, List<PlannedFault> plan, List<FaultFailed> failed,
            List<FaultReverted> reverted) {
        List<FaultInjected> injected = plan.stream()
                .filter(f -> failed.stream().noneMatch(x -> x.faultId().equals(f.faultId())))
                .map(f -> FaultInjected.of("run-1", f.faultId(), f.fault().type(), f.target(),
                        INJECT_AT.plus(f.startAfter()), 3, INJECT_AT.plus(f.startAfter())))
                .toList();
        return view(state, plan, injected, failed, reverted);
    }

    private static RunView view(RunState state, List<PlannedFault> plan, List<FaultInjected> injected,
            List<FaultFailed> failed, List<FaultReverted> reverted) {
        return new RunView("run-1", "phases", state, CREATED, INJECT_AT, OBSERVE_UNTIL, null, plan, injected, failed,
                null, null, null, reverted, List.of(), null);
    }
}
