package dev.faultline.agent.fault;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.ManualRevertScheduler;
import dev.faultline.agent.testing.MutableClock;
import dev.faultline.agent.testing.RecordingEventPublisher;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.AgentHalted;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.fault.ContainerKill;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    void haltRevertsDifferentTargetsAtOnceAndOneTargetsFaultsOneAfterAnother() {
        // Each revert on c1..c3 waits until all three targets are being reverted: only parallel reverts get there.
        // c1 has a second fault: it must not be reverted while c1's first is (no second thread on one target).
        CountDownLatch allThreeReverting = new CountDownLatch(3);
        List<String> order = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger onC1 = new java.util.concurrent.atomic.AtomicInteger();
        for (String target : List.of("c1", "c2", "c3")) {
            activeFaults.track(new ActiveFault(Commands.inject(AGENT_ID, target, target + "-a", ContainerKill.sigkill()),
                    new Target(Commands.target(AGENT_ID, target), target, target + "-name", 4242, target + "-a"),
                    new RecordingExecutor() {
                        @Override
                        public void revert(Target t, ContainerKill spec) {
                            if (t.containerId().equals("c1") && onC1.incrementAndGet() > 1) {
                                throw new IllegalStateException("two reverts at once on c1");
                            }
                            allThreeReverting.countDown();
                            try {
                                if (!allThreeReverting.await(5, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("the targets were reverted one after another");
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            order.add(t.faultId());
                            if (t.containerId().equals("c1")) {
                                onC1.decrementAndGet();
                            }
                        }
                    }), Duration.ofSeconds(30), due -> { });
        }
        activeFaults.track(new ActiveFault(Commands.inject(AGENT_ID, "c1", "c1-b", ContainerKill.sigkill()),
                new Target(Commands.target(AGENT_ID, "c1"), "c1", "c1-name", 4242, "c1-b"), new RecordingExecutor() {
                    @Override
                    public void revert(Target t, ContainerKill spec) {
                        if (onC1.incrementAndGet() > 1) {
                            throw new IllegalStateException("two reverts at once on c1");
                        }
                        order.add(t.faultId());
                        onC1.decrementAndGet();
                    }
                }), Duration.ofSeconds(30), due -> { });

        AgentHalted halted = reverter.haltAll(HaltAll.of("drill", "alice", Commands.T0));

        assertThat(halted.reverted()).containsExactlyInAnyOrder("c1-a", "c2-a", "c3-a", "c1-b");
        assertThat(halted.failed()).isEmpty();
        assertThat(order).containsExactlyInAnyOrder("c1-a", "c2-a", "c3-a", "c1-b");
        assertThat(events.of(FaultReverted.class)).hasSize(4);
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
