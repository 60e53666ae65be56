package dev.faultline.agent.fault.resource;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.AppliedEffects;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.IoStress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Set;

/** {@code io-stress}: stress-ng writes and reads files in the container's filesystem, inside the target's cgroups (see {@link StressLauncher}). */
@ApplicationScoped
public class IoStressExecutor implements FaultExecutor<IoStress> {

    private static final Path PROC = Path.of("/proc");

    private final StressLauncher launcher;
    private final AppliedEffects<StressProcess> running = new AppliedEffects<>();

    @Inject
    public IoStressExecutor(StressLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Class<IoStress> specType() {
        return IoStress.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.STRESS_NG, HostFeature.CGROUPS);
    }

    @Override
    public void apply(Target target, IoStress spec) {
        running.add(target, spec, launcher.start(target, StressCommand.io(spec, ContainerDirectory.existing(PROC, target.pid(), spec.path()))));
    }

    /** Stops the stress-ng this fault started; none left means already reverted. */
    @Override
    public void revert(Target target, IoStress spec) {
        running.take(target, spec).ifPresent(launcher::stop);
        // What a crashed agent started is found by the fault id its processes carry.
        launcher.sweep(target);
    }
}
