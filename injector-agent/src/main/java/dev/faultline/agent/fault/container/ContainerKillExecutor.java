package dev.faultline.agent.fault.container;

import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.KillCommand;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.docker.ContainerKiller;
import dev.faultline.common.fault.ContainerKill;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * {@code container-kill}: signals a container's main process.
 *
 * <ul>
 * <li>{@code process} signals {@code State.Pid} from the host, as an OOM kill or a crash would. Docker sees an
 * unexpected exit and applies the restart policy. Needs the agent in the host's pid namespace (on the host, or a
 * container with {@code pid: host}) and allowed to signal that process (root). SIGKILL and SIGTERM go straight from
 * this process ({@link ProcessHandle}, one system call, which the JDK makes only if the process is still the one it
 * looked up); other signals through {@code kill}, a child process, which costs tens of milliseconds on a busy host.</li>
 * <li>{@code docker-api} asks Docker to kill it. Docker records that as a deliberate stop, so the restart policy
 * does not bring the container back.</li>
 * </ul>
 */
@ApplicationScoped
public class ContainerKillExecutor implements FaultExecutor<ContainerKill> {

    /** {@code kill} returns at once; this only bounds a hung host. */
    static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final ContainerKiller killer;
    private final ProcessRunner processes;

    @Inject
    public ContainerKillExecutor(ContainerKiller killer, ProcessRunner processes) {
        this.killer = killer;
        this.processes = processes;
    }

    @Override
    public Class<ContainerKill> specType() {
        return ContainerKill.class;
    }

    @Override
    public void apply(Target target, ContainerKill spec) {
        switch (spec.method()) {
            case PROCESS -> signal(target.pid(), spec.shortSignal());
            case DOCKER_API -> killer.kill(target.containerId(), spec.shortSignal());
            default -> throw new IllegalArgumentException("unknown kill method " + spec.method());
        }
    }

    private void signal(long pid, String shortSignal) {
        List<String> kill = KillCommand.signal(pid, shortSignal); // checks the pid and signal, whichever way it goes
        if (!"KILL".equals(shortSignal) && !"TERM".equals(shortSignal)) {
            processes.run(kill, KILL_TIMEOUT);
            return;
        }
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                "no process " + pid + " on this host (is the agent outside the host's pid namespace?)"));
        boolean sent = "KILL".equals(shortSignal) ? process.destroyForcibly() : process.destroy();
        if (!sent && process.isAlive()) {
            throw new IllegalStateException("could not send SIG" + shortSignal + " to process " + pid);
        }
    }

    /**
     * Nothing to undo: the signal was delivered and the process is gone. Bringing the container back is the job of
     * its restart policy or orchestrator, and how well that works is what the experiment measures.
     */
    @Override
    public void revert(Target target, ContainerKill spec) {
        // deliberately empty, see above
    }
}
