package dev.faultline.agent.fault.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.admission.Refusal.AlreadyDone;
import dev.faultline.agent.fault.admission.Refusal.Rejected;
import dev.faultline.agent.ledger.FaultLedger;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.fault.ContainerPause;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each admission check on its own: what it refuses, with which reason, and what it lets through. */
class AdmissionChecksTest {

    private static final InjectFault KILL = Commands.inject("agent-1", "c1", "f-kill", Commands.dockerKill());
    private static final InjectFault PAUSE = InjectFault.of("run-1", "f-pause", Commands.target("agent-1", "c1"),
            new ContainerPause(), Duration.ofSeconds(30), Commands.T0);

    @TempDir
    Path ledgerDir;

    @Test
    void theStandardOrderPutsRepeatsFirstThenLimitsThenTheTargetThenTheHost() {
        AdmissionChecks.AgentState agent = new AdmissionChecks.AgentState(id -> false, () -> 0,
                new FaultLedger(ledgerDir), OptInPolicy.labelOnly(), new PlatformGuard(Optional.empty()), type -> true,
                type -> Capability.available("yes"));

        assertThat(AdmissionChecks.standard(agent, Duration.ofMinutes(10), 20).names()).containsExactly(
                "not-applied-before-restart", "not-active-already", "within-max-duration", "below-max-active-faults",
                "target-exists", "target-opted-in", "not-platform-target", "target-running", "executor-known",
                "supported-on-host");
    }

    @Test
    void aFaultInTheLedgerButNotActiveWasAppliedBeforeARestart() {
        FaultLedger ledger = new FaultLedger(ledgerDir);
        AdmissionCheck check = AdmissionChecks.notAppliedBeforeRestart(ledger, id -> false);
        assertThat(check.check(candidate(PAUSE))).isEmpty();

        ledger.record(PAUSE);

        assertThat(check.check(candidate(PAUSE))).get().isInstanceOf(AlreadyDone.class)
                .extracting(Refusal::detail).asString().contains("applied before this agent restarted");
        assertThat(AdmissionChecks.notAppliedBeforeRestart(ledger, id -> true).check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aFaultAlreadyActiveIsAlreadyDone() {
        assertThat(AdmissionChecks.notActiveAlready(id -> id.equals("f-pause")).check(candidate(PAUSE)))
                .get().isInstanceOf(AlreadyDone.class);
        assertThat(AdmissionChecks.notActiveAlready(id -> false).check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aLastingFaultLongerThanTheAgentsMaximumIsRefusedByLimit() {
        AdmissionCheck check = AdmissionChecks.withinMaxDuration(Duration.ofSeconds(10));

        assertRejected(check.check(candidate(PAUSE)), FailureReason.REFUSED_BY_LIMIT, "longer than this agent's maximum");
        assertThat(AdmissionChecks.withinMaxDuration(Duration.ofSeconds(30)).check(candidate(PAUSE))).isEmpty();
        assertThat(check.check(candidate(KILL))).as("a one-shot fault lasts nothing").isEmpty();
    }

    @Test
    void aLastingFaultBeyondTheMaximumActiveIsRefusedByLimit() {
        AdmissionCheck full = AdmissionChecks.belowMaxActiveFaults(() -> 2, 2);

        assertRejected(full.check(candidate(PAUSE)), FailureReason.REFUSED_BY_LIMIT, "already has 2 faults in effect");
        assertThat(full.check(candidate(KILL))).isEmpty();
        assertThat(AdmissionChecks.belowMaxActiveFaults(() -> 1, 2).check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aMissingContainerIsTargetNotFoundAndAnUnreachableRuntimeARuntimeError() {
        AdmissionCheck check = AdmissionChecks.targetExists();

        assertRejected(check.check(new Candidate(PAUSE, id -> Optional.empty())), FailureReason.TARGET_NOT_FOUND,
                "does not exist on this host");
        assertRejected(check.check(new Candidate(PAUSE, id -> {
            throw new IllegalStateException("docker.sock refused");
        })), FailureReason.RUNTIME_ERROR, "cannot inspect container c1: docker.sock refused");
        assertThat(check.check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aContainerWithoutTheOptInLabelIsRefused() {
        AdmissionCheck check = AdmissionChecks.targetOptedIn(OptInPolicy.labelOnly());

        assertRejected(check.check(candidate(PAUSE, FakeContainerRuntime.running("c1", false))),
                FailureReason.TARGET_NOT_OPTED_IN, "does not carry the label");
        assertThat(check.check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aContainerOfAnAllowListedComposeProjectIsOptedInWithoutTheLabel() {
        InspectedContainer shop = new InspectedContainer("c1", "shop-web-1", "running", 1,
                Map.of("com.docker.compose.project", "shop"));
        AdmissionCheck check = AdmissionChecks.targetOptedIn(new OptInPolicy(List.of("shop"), List.of()));

        assertThat(check.check(candidate(PAUSE, shop))).isEmpty();
        assertRejected(AdmissionChecks.targetOptedIn(OptInPolicy.labelOnly()).check(candidate(PAUSE, shop)),
                FailureReason.TARGET_NOT_OPTED_IN, "does not carry the label");
    }

    @Test
    void aPlatformContainerIsRefusedUnlessTheExperimentAllowsIt() {
        InspectedContainer platform = new InspectedContainer("c1", "kafka", "running", 1,
                Map.of("faultline.enabled", "true", PlatformGuard.PLATFORM_LABEL, "true"));
        AdmissionCheck check = AdmissionChecks.notPlatformTarget(new PlatformGuard(Optional.empty()));

        assertRejected(check.check(candidate(PAUSE, platform)), FailureReason.REFUSED_BY_LIMIT,
                "only an experiment with allowPlatformTargets: true may hit it");
        assertThat(check.check(candidate(PAUSE.withPlatformTargetsAllowed(true), platform))).isEmpty();
        assertThat(check.check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aStoppedContainerIsTargetNotRunning() {
        AdmissionCheck check = AdmissionChecks.targetRunning();

        assertRejected(check.check(candidate(PAUSE, FakeContainerRuntime.exited("c1", true))),
                FailureReason.TARGET_NOT_RUNNING, "is exited, not running");
        assertThat(check.check(candidate(PAUSE))).isEmpty();
    }

    @Test
    void aFaultTypeWithoutExecutorIsUnsupported() {
        assertRejected(AdmissionChecks.executorKnown(type -> false).check(candidate(PAUSE)),
                FailureReason.UNSUPPORTED_FAULT, "no executor for fault type container-pause");
        assertThat(AdmissionChecks.executorKnown(List.of("container-pause")::contains).check(candidate(PAUSE)))
                .isEmpty();
    }

    @Test
    void aFaultTheHostCannotRunIsUnsupportedOnHost() {
        assertRejected(AdmissionChecks.supportedOnHost(type -> Capability.missing("no cgroup freezer"))
                .check(candidate(PAUSE)), FailureReason.UNSUPPORTED_ON_HOST, "cannot run container-pause: no cgroup");
        assertThat(AdmissionChecks.supportedOnHost(type -> Capability.available("ok")).check(candidate(PAUSE)))
                .isEmpty();
    }

    @Test
    void theFirstRefusalWinsAndLaterChecksAreNotAsked() {
        Admission admission = new Admission(List.of(
                AdmissionChecks.targetExists(),
                new AdmissionCheck("never-asked", c -> {
                    throw new AssertionError("a check after a refusal ran");
                })));

        assertThat(admission.refusal(new Candidate(PAUSE, id -> Optional.empty()))).get()
                .extracting(Refusal::check).isEqualTo("target-exists");
    }

    private static Candidate candidate(InjectFault command) {
        return candidate(command, FakeContainerRuntime.running("c1", true));
    }

    private static Candidate candidate(InjectFault command, InspectedContainer container) {
        return new Candidate(command, id -> Optional.of(container));
    }

    private static void assertRejected(Optional<Refusal> refusal, FailureReason reason, String detail) {
        assertThat(refusal).get().isInstanceOfSatisfying(Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(reason);
            assertThat(r.detail()).contains(detail);
        });
    }
}
