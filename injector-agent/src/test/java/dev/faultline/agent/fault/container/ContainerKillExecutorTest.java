package dev.faultline.agent.fault.container;

import static dev.faultline.agent.testing.AgentFixture.AGENT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.KillMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerKillExecutorTest {

    private final FakeContainerRuntime runtime = new FakeContainerRuntime();
    private final ContainerKillExecutor executor = new ContainerKillExecutor(runtime, new ProcessRunner());
    private Process victim;

    @AfterEach
    void cleanUp() {
        if (victim != null) {
            victim.destroyForcibly();
        }
    }

    @Test
    void processMethodSignalsThePidFromTheHost() throws Exception {
        // A process of our own stands in for a container's main process: the executor only sees a pid.
        victim = new ProcessBuilder("sleep", "60").start();

        executor.apply(target("c1", victim.pid()), new ContainerKill("SIGKILL", KillMethod.PROCESS));

        assertThat(victim.waitFor(5, TimeUnit.SECONDS)).as("killed").isTrue();
        assertThat(victim.exitValue()).as("128 + SIGKILL").isEqualTo(137);
        assertThat(runtime.kills()).as("Docker was not asked").isEmpty();
    }

    @Test
    void processMethodSendsTheRequestedSignal() throws Exception {
        victim = new ProcessBuilder("sleep", "60").start();

        executor.apply(target("c1", victim.pid()), new ContainerKill("TERM", KillMethod.PROCESS));

        assertThat(victim.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).as("128 + SIGTERM").isEqualTo(143);
    }

    @Test
    void anotherSignalGoesThroughKill() throws Exception {
        victim = new ProcessBuilder("sleep", "60").start();

        // Not SIGINT: a job started in the background by a non-interactive shell (a CI runner, nohup) inherits it
        // ignored, so the victim would survive it for a reason that is not the executor's.
        executor.apply(target("c1", victim.pid()), new ContainerKill("SIGUSR1", KillMethod.PROCESS));

        assertThat(victim.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(victim.exitValue()).as("128 + SIGUSR1").isEqualTo(138);
    }

    @Test
    void aPidWithoutAProcessIsAnError() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor.apply(target("c1", gone.pid()),
                new ContainerKill("SIGKILL", KillMethod.PROCESS))).hasMessageContaining("no process " + gone.pid());
    }

    @Test
    void dockerApiMethodAsksTheRuntimeWithTheShortSignal() {
        executor.apply(target("c1", 4242), new ContainerKill("SIGTERM", KillMethod.DOCKER_API));

        assertThat(runtime.kills()).containsExactly("c1:TERM");
    }

    @Test
    void revertHasNothingToUndo() {
        executor.revert(target("c1", 4242), new ContainerKill("SIGKILL", KillMethod.DOCKER_API));

        assertThat(runtime.kills()).isEmpty();
    }

    private static Target target(String containerId, long pid) {
        return new Target(Commands.target(AGENT_ID, containerId), containerId, containerId + "-name", pid, "fault-1");
    }
}
