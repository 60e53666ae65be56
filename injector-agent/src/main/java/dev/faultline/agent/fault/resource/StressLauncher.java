package dev.faultline.agent.fault.resource;

import dev.faultline.agent.fault.Target;
import dev.faultline.agent.process.HostProcesses;
import dev.faultline.agent.process.KillCommand;
import dev.faultline.agent.process.ProcessFailedException;
import dev.faultline.agent.process.ProcessRunner;
import dev.faultline.agent.runtime.cgroup.CgroupLayout;
import dev.faultline.agent.runtime.cgroup.ContainerCgroups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts stress-ng inside a target container's cgroups and stops it again, by the pid it started (never by name:
 * another fault's or the host's own stress-ng is none of its business).
 *
 * <p>Why this way: the host's stress-ng binary stays usable (the container image need not have it) while every
 * limit of the container applies, because membership of a cgroup is all the kernel looks at. A process moves into
 * a cgroup alone, without the children it already has, so stress-ng is started parked (stopped before its
 * {@code exec}), moved, then continued: its workers are born inside. {@code cgexec} would do the same but is not
 * installed on most hosts; entering the container's namespaces would not change the cgroup and would hide the
 * host's binary.
 */
@ApplicationScoped
public class StressLauncher {

    static final Duration PARK_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** A stress-ng that cannot run (bad option, no memory) exits within this; one that runs is still there. */
    static final Duration START_CHECK = Duration.ofMillis(300);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Every stress process carries its fault id in its environment (inherited by stress-ng's workers), so that a
     * revert finds them even when the agent that started them crashed and its memory of the pid is gone.
     */
    static final String FAULT_ID_VARIABLE = "FAULTLINE_FAULT_ID";

    private final ContainerCgroups cgroups;
    private final HostProcesses processes;
    private final ProcessRunner runner;

    @Inject
    public StressLauncher(ContainerCgroups cgroups, HostProcesses processes, ProcessRunner runner) {
        this.cgroups = cgroups;
        this.processes = processes;
        this.runner = runner;
    }

    /** Starts {@code stressCommand} in the target's cgroups; throws (leaving nothing running) when it cannot. */
    public StressProcess start(Target target, List<String> stressCommand) {
        List<CgroupLayout.Group> groups = cgroups.groupsOf(target.pid());
        if (groups.isEmpty()) {
            throw new IllegalStateException("container " + target.name() + " is in no cgroup the agent can see");
        }
        File log;
        Process process;
        try {
            log = Files.createTempFile("faultline-stress", ".log").toFile();
            ProcessBuilder builder = new ProcessBuilder(StressCommand.parked(stressCommand))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log);
            builder.environment().put(FAULT_ID_VARIABLE, target.requireFaultId());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start stress-ng: " + e.getMessage(), e);
        }
        StressProcess stress = new StressProcess(process, log.toPath(), groups);
        try {
            awaitParked(process);
            cgroups.join(process.pid(), groups);
            runner.run(KillCommand.signal(process.pid(), "CONT"), SIGNAL_TIMEOUT);
            if (process.waitFor(START_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("stress-ng exited at once with " + process.exitValue() + ": "
                        + readLog(stress));
            }
            return stress;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(stress);
            throw new IllegalStateException("interrupted while starting stress-ng", e);
        } catch (RuntimeException e) {
            stop(stress);
            throw e;
        }
    }

    /**
     * Stops it: SIGTERM to the pid we started (stress-ng then ends its workers), SIGKILL after a grace period,
     * and SIGKILL to any worker that outlived its parent. Harmless when it has already ended.
     */
    public void stop(StressProcess stress) {
        Process process = stress.process();
        List<Long> workers = processes.children(process.pid());
        try {
            // A launcher still parked would not act on SIGTERM until continued.
            boolean parked = processes.state(process.pid()).map(state -> state == 'T').orElse(false);
            signal(process, parked ? "KILL" : "TERM");
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                signal(process, "KILL");
                process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (long worker : workers) {
            // A worker pid could only be reused this fast by another process in theory; checking the name keeps
            // even that case safe.
            if (processes.alive(worker) && processes.name(worker).map(n -> n.startsWith("stress-ng")).orElse(false)) {
                signalQuietly(worker, "KILL");
            }
        }
        try {
            Files.deleteIfExists(stress.log());
        } catch (IOException ignored) {
            // a leftover temp log is harmless
        }
    }

    /**
     * Kills every process in the target's cgroup that carries this fault's id: what is left of the fault when the
     * pid that {@link #stop} knows about is gone (the agent crashed and recovers from its ledger) or a worker
     * outlived its parent. Other processes of the container, and other faults' stress, are left alone.
     *
     * @return how many processes it killed
     */
    public int sweep(Target target) {
        String tag = FAULT_ID_VARIABLE + "=" + target.requireFaultId();
        List<Long> members;
        try {
            members = cgroups.processesOf(target.pid());
        } catch (RuntimeException containerGone) {
            return 0; // no cgroup, no processes left in it
        }
        int killed = 0;
        for (long pid : members) {
            if (pid != target.pid() && processes.hasEnvironment(pid, tag)) {
                signalQuietly(pid, "KILL");
                killed++;
            }
        }
        return killed;
    }

    private void awaitParked(Process process) throws InterruptedException {
        long deadline = System.nanoTime() + PARK_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the stress launcher exited with " + process.exitValue());
            }
            if (processes.state(process.pid()).map(s -> s == 'T').orElse(false)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the stress launcher did not park within " + PARK_TIMEOUT.toMillis() + " ms");
    }

    private void signal(Process process, String signal) {
        if (process.isAlive()) {
            signalQuietly(process.pid(), signal);
        }
    }

    private void signalQuietly(long pid, String signal) {
        try {
            runner.run(KillCommand.signal(pid, signal), SIGNAL_TIMEOUT);
        } catch (ProcessFailedException exitedMeanwhile) {
            // "No such process": it ended between our check and the signal, which is what we wanted
        }
    }

    private static String readLog(StressProcess stress) {
        try {
            String text = Files.readString(stress.log(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(no output)" : text.length() > 2000 ? text.substring(0, 2000) + "..." : text;
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
