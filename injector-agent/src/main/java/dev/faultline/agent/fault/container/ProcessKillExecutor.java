package dev.faultline.agent.fault.container;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.HostProcesses;
import dev.faultline.agent.process.KillCommand;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.cgroup.ContainerCgroups;
import dev.faultline.common.fault.ProcessKill;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code process-kill}: signals the processes inside a container whose name matches. The container's processes
 * are those in its cgroup, listed with their host pids, so the agent signals them from the host like
 * {@code container-kill} does, and never anything outside the container.
 */
@ApplicationScoped
public class ProcessKillExecutor implements FaultExecutor<ProcessKill> {

    private static final Logger LOG = Logger.getLogger(ProcessKillExecutor.class);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final ContainerCgroups cgroups;
    private final HostProcesses processes;
    private final ProcessRunner runner;

    @Inject
    public ProcessKillExecutor(ContainerCgroups cgroups, HostProcesses processes, ProcessRunner runner) {
        this.cgroups = cgroups;
        this.processes = processes;
        this.runner = runner;
    }

    @Override
    public Class<ProcessKill> specType() {
        return ProcessKill.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.CGROUPS);
    }

    @Override
    public void apply(Target target, ProcessKill spec) {
        List<Long> matching = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (long pid : cgroups.processesOf(target.pid())) {
            String name = processes.name(pid).orElse(null);
            if (name == null) {
                continue; // ended while we looked
            }
            String commandLine = processes.commandLine(pid).orElse(name);
            seen.add(name + " (pid " + pid + ")");
            if (pid > 1 && spec.matches(name, commandLine)) {
                matching.add(pid);
            }
        }
        if (matching.isEmpty()) {
            throw new IllegalStateException("no process in container " + target.name() + " matches "
                    + (spec.commandLine() ? "command line" : "name") + " pattern '" + spec.pattern()
                    + "'; its processes are: " + (seen.isEmpty() ? "none" : String.join(", ", seen)));
        }
        for (long pid : matching) {
            try {
                runner.run(KillCommand.signal(pid, spec.shortSignal()), KILL_TIMEOUT);
            } catch (ProcessFailedException e) {
                if (processes.alive(pid)) {
                    throw e;
                }
                LOG.debugf("process %d in %s ended before the signal", pid, target);
            }
        }
        LOG.infof("signalled %s to pids %s in %s", spec.signal(), matching, target);
    }

    /** Nothing to undo: the processes got their signal; restarting them is the container's job. */
    @Override
    public void revert(Target target, ProcessKill spec) {
        // deliberately empty, see above
    }
}
