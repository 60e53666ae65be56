package dev.faultline.agent.fault;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.ManualRevertScheduler;
import dev.faultline.agent.testing.MutableClock;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.FaultReverted;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultReverterTest {

    private final MutableClock clock = new MutableClock(Commands.T0);
    private final ManualRevertScheduler scheduler = new ManualRevertScheduler(clock);
    private final ActiveFaults activeFaults = new ActiveFaults(scheduler);
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final FaultReverter reverter = new FaultReverter(AGENT_ID, activeFaults,
            new dev.faultline.agent.ledger.FaultLedger(ledgerDir()), events, clock);

    @Test
    void revertsAtTheEndOfTheDuration() {
        ActiveFault fault = ActiveFaultsTest.fault("f1");
        activeFaults.track(fault, Duration.ofSeconds(30), due -> reverter.revert(due, RevertCause.DURATION_ENDED));

        scheduler.advance(Duration.ofSeconds(30));

        FaultReverted reverted = events.of(FaultReverted.class).get(0);
        assertThat(reverted.cause()).isEqualTo("duration-ended");
        assertThat(reverted.revertedAt()).isEqualTo(Commands.T0.plusSeconds(30));
        assertThat(reverted.faultId()).isEqualTo("f1");
        assertThat(((RecordingExecutor) fault.executor()).reverted).containsExactly("c1");
    }

    @Test
    void revertsOnRequestAndIgnoresFaultsThatAreNotActive() {
        activeFaults.track(ActiveFaultsTest.fault("f1"), Duration.ofSeconds(30), due -> { });

        reverter.requested(RevertFault.of("run-1", "f1", Commands.target(AGENT_ID, "c1"), Commands.T0));
        reverter.requested(RevertFault.of("run-1", "f1", Commands.target(AGENT_ID, "c1"), Commands.T0));
        reverter.requested(RevertFault.of("run-1", "unknown", Commands.target(AGENT_ID, "c1"), Commands.T0));

        assertThat(events.of(FaultReverted.class)).extracting(FaultReverted::cause).containsExactly("requested");
    }

    @Test
    void haltRevertsEveryActiveFault() {
        activeFaults.track(ActiveFaultsTest.fault("f1"), Duration.ofSeconds(30), due -> { });
        activeFaults.track(ActiveFaultsTest.fault("f2"), Duration.ZERO, due -> { });

        reverter.haltAll(HaltAll.of("SLO breached", "alice", Commands.T0));

        assertThat(events.of(FaultReverted.class)).extracting(FaultReverted::faultId)
                .containsExactlyInAnyOrder("f1", "f2");
        assertThat(events.of(FaultReverted.class)).extracting(FaultReverted::cause).containsOnly("halted");
        assertThat(activeFaults.size()).isZero();
    }

    @Test
    void aFailedRevertIsNotReportedAsReverted() {
        ActiveFault fault = ActiveFaultsTest.fault("f1");
        ((RecordingExecutor) fault.executor()).revertFailure = new IllegalStateException("iptables: no chain");

        reverter.revert(fault, RevertCause.REQUESTED);

        assertThat(events.events()).isEmpty();
    }

    private static java.nio.file.Path ledgerDir() {
        try {
            return java.nio.file.Files.createTempDirectory("faultline-ledger-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
