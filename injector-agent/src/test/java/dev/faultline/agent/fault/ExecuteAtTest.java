package dev.faultline.agent.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.agent.fault.container.ContainerKillExecutor;
import dev.faultline.agent.fault.container.ContainerPauseExecutor;
import dev.faultline.agent.platform.TargetStateWatcher;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.agent.safety.PlatformGuard;
import dev.faultline.agent.testing.AgentFixture;
import dev.faultline.agent.testing.Commands;
import dev.faultline.common.command.HaltAll;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * InjectFaults sent ahead of their instant: the target is inspected on arrival, the action waits for executeAt, a
 * revert or halt before it cancels it, and one that arrives late acts at once and says how late. The agent's clock
 * is held still while the timer waits in real time, so an instant is "600 ms from the clock's reading".
 */
class ExecuteAtTest {

    private static final Duration AHEAD = Duration.ofMillis(600);

    private final AgentFixture agent = AgentFixture.withRealExecutors();
    /** The fake host's process start times by pid: what tells the agent the main process is still the same. */
    private final Map<Long, Instant> processStarts = new ConcurrentHashMap<>(Map.of(4242L, Commands.T0));
    private final FaultInjector injector = new FaultInjector(agent.runtime, new FaultExecutorRegistry(List.of(
            new ContainerKillExecutor(agent.runtime, new ProcessRunner()),
            new ContainerPauseExecutor(agent.runtime, agent.runtime))),
            agent.activeFaults, agent.reverter, agent.ledger, agent.leases, new PlatformGuard(Optional.empty()),
            FaultInjector.Limits.defaults(), agent.events, agent.clock, type -> Capability.available("supported"),
            TargetStateWatcher.NONE, OptInPolicy.labelOnly(), agent.metrics,
            pid -> Optional.ofNullable(processStarts.get(pid)));

    @AfterEach
    void stopTimers() {
        injector.shutdown();
    }

    @Test
    void aCommandAheadOfItsInstantIsInspectedOnArrivalAndActedOnAtTheInstantWithoutAnotherInspection() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        Instant executeAt = agent.clock.instant().plus(AHEAD);
        Instant received = agent.clock.instant();

        injector.inject(kill("c1").withExecuteAt(executeAt), Arrival.at(received));

        await("inspected on arrival").atMost(AHEAD.dividedBy(2)).until(() -> agent.runtime.inspections() == 1);
        assertThat(agent.runtime.kills()).as("nothing before the instant").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> !agent.runtime.kills().isEmpty());
        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        assertThat(agent.runtime.inspections()).as("not inspected again at the instant").isEqualTo(1);
        FaultInjected injected = await().atMost(Duration.ofSeconds(5))
                .until(() -> agent.events.of(FaultInjected.class), events -> !events.isEmpty()).get(0);
        assertThat(injected.executeAt()).isEqualTo(executeAt);
        assertThat(injected.receivedAt()).isEqualTo(received);
        assertThat(injected.lateMillis()).as("the held clock has not reached the instant: not late").isZero();
    }

    @Test
    void aTargetWhoseMainProcessChangedWhileWaitingIsInspectedAgainAtTheInstant() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));

        injector.inject(kill("c1").withExecuteAt(agent.clock.instant().plus(AHEAD)), Arrival.at(agent.clock.instant()));
        await().atMost(AHEAD.dividedBy(2)).until(() -> agent.runtime.inspections() == 1);
        processStarts.put(4242L, Commands.T0.plusSeconds(1)); // the container restarted; the pid was reused

        await().atMost(Duration.ofSeconds(5)).until(() -> !agent.runtime.kills().isEmpty());
        assertThat(agent.runtime.inspections()).isEqualTo(2);
    }

    @Test
    void aCommandThatArrivesAfterItsInstantActsAtOnceAndReportsHowLate() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        Instant executeAt = agent.clock.instant().minusMillis(120);

        injector.inject(kill("c1").withExecuteAt(executeAt), Arrival.at(agent.clock.instant()));

        assertThat(agent.runtime.kills()).containsExactly("c1:KILL");
        assertThat(agent.events.of(FaultInjected.class).get(0).lateMillis()).isEqualTo(120);
    }

    @Test
    void aCommandWithoutExecuteAtActsAtOnceAndReportsNoLateness() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));

        injector.inject(kill("c1"), Arrival.at(agent.clock.instant()));

        FaultInjected injected = agent.events.of(FaultInjected.class).get(0);
        assertThat(injected.executeAt()).isNull();
        assertThat(injected.lateMillis()).isNull();
        assertThat(injected.receivedAt()).isEqualTo(agent.clock.instant());
    }

    @Test
    void aRevertBeforeTheInstantCancelsTheFaultWhichIsNeverAppliedNorWrittenToTheLedger() throws Exception {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        InjectFault pause = Commands.pause(agent.agentId, "run-1", "c1", "f-pause")
                .withExecuteAt(agent.clock.instant().plusMillis(300));

        injector.inject(pause, Arrival.at(agent.clock.instant()));
        assertThat(injector.cancelAhead("f-pause")).isTrue();

        Thread.sleep(500);
        assertThat(agent.runtime.paused()).isEmpty();
        assertThat(agent.ledger.entries()).isEmpty();
        assertThat(agent.events.of(FaultInjected.class)).isEmpty();
        assertThat(injector.cancelAhead("f-pause")).as("nothing is waiting any more").isFalse();
    }

    @Test
    void aRevertDuringTheApplyRevertsTheFaultAsSoonAsTheApplyIsDone() throws Exception {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        java.util.concurrent.CountDownLatch applying = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch reverted = new java.util.concurrent.CountDownLatch(1);
        agent.runtime.onPause(() -> {
            applying.countDown();
            try {
                reverted.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        injector.inject(Commands.pause(agent.agentId, "run-1", "c1", "f-pause")
                .withExecuteAt(agent.clock.instant().plusMillis(100)), Arrival.at(agent.clock.instant()));

        assertThat(applying.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(injector.cancelAhead("f-pause")).as("taken care of after the apply").isTrue();
        reverted.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> agent.runtime.paused().isEmpty()
                && agent.activeFaults.size() == 0);
        assertThat(agent.events.of(dev.faultline.common.event.FaultReverted.class)).singleElement()
                .satisfies(r -> assertThat(r.cause()).isEqualTo("requested"));
    }

    @Test
    void aHaltCancelsEveryFaultWaitingForItsInstant() throws Exception {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));
        agent.runtime.add(FakeContainerRuntime.running("c2", true));
        Instant executeAt = agent.clock.instant().plusMillis(300);
        injector.inject(kill("c1").withExecuteAt(executeAt), Arrival.at(agent.clock.instant()));
        injector.inject(Commands.inject(agent.agentId, "c2", "f-c2", Commands.dockerKill()).withExecuteAt(executeAt),
                Arrival.at(agent.clock.instant()));

        assertThat(injector.cancelAheadCoveredBy(HaltAll.of("stop", "alice", Commands.T0))).isEqualTo(2);

        Thread.sleep(500);
        assertThat(agent.runtime.kills()).isEmpty();
    }

    @Test
    void aCommandMeantForFarLaterThanACommandLivesIsRefused() {
        agent.runtime.add(FakeContainerRuntime.running("c1", true));

        injector.inject(kill("c1").withExecuteAt(agent.clock.instant().plus(FaultInjector.MAX_AHEAD).plusSeconds(1)),
                Arrival.at(agent.clock.instant()));

        FaultFailed refused = agent.events.of(FaultFailed.class).get(0);
        assertThat(refused.reason()).isEqualTo(FailureReason.REFUSED_BY_LIMIT);
        assertThat(refused.detail()).contains("ahead of this agent's clock");
        assertThat(agent.runtime.kills()).isEmpty();
    }

    private InjectFault kill(String containerId) {
        return Commands.inject(agent.agentId, containerId, "f-" + containerId, Commands.dockerKill());
    }
}
