package dev.faultline.agent.testing;

import dev.faultline.agent.fault.ActiveFaults;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.FaultExecutorRegistry;
import dev.faultline.agent.fault.FaultInjector;
import dev.faultline.agent.fault.FaultReverter;
import dev.faultline.agent.fault.container.ContainerKillExecutor;
import dev.faultline.agent.inbound.CommandRouter;
import dev.faultline.agent.inbound.RecentMessageIds;
import dev.faultline.agent.process.ProcessRunner;
import java.util.List;

/** The agent's command path wired by hand around a fake host, as CDI wires it around Docker. */
public final class AgentFixture {

    public static final String AGENT_ID = "agent-a";

    public final FakeContainerRuntime runtime = new FakeContainerRuntime();
    public final RecordingEventPublisher events = new RecordingEventPublisher();
    public final MutableClock clock = new MutableClock(Commands.T0);
    public final ManualRevertScheduler scheduler = new ManualRevertScheduler(clock);
    public final ActiveFaults activeFaults = new ActiveFaults(scheduler);
    public final FaultReverter reverter = new FaultReverter(activeFaults, events, clock);
    public final FaultInjector injector;
    public final CommandRouter router;

    private AgentFixture(boolean withExecutors) {
        List<FaultExecutor<?>> executors = withExecutors
                ? List.of(new ContainerKillExecutor(runtime, new ProcessRunner()))
                : List.of();
        this.injector = new FaultInjector(runtime, new FaultExecutorRegistry(executors), activeFaults, reverter,
                events, clock);
        this.router = new CommandRouter(AGENT_ID, injector, reverter, new RecentMessageIds(100));
    }

    /** With the agent's real executors; Docker API kills go to the fake runtime, which records them. */
    public static AgentFixture withRealExecutors() {
        return new AgentFixture(true);
    }

    /** With no executor at all: every fault type is unsupported. */
    public static AgentFixture withoutExecutors() {
        return new AgentFixture(false);
    }
}
