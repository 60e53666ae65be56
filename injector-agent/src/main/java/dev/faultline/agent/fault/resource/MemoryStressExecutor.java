package dev.faultline.agent.fault.resource;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.AppliedEffects;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.MemoryStress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** {@code memory-stress}: stress-ng holds memory, inside the target's cgroups (see {@link StressLauncher}). */
@ApplicationScoped
public class MemoryStressExecutor implements FaultExecutor<MemoryStress> {

    private final StressLauncher launcher;
    private final AppliedEffects<StressProcess> running = new AppliedEffects<>();

    @Inject
    public MemoryStressExecutor(StressLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Class<MemoryStress> specType() {
        return MemoryStress.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.STRESS_NG, HostFeature.CGROUPS);
    }

    @Override
    public void apply(Target target, MemoryStress spec) {
        running.add(target, spec, launcher.start(target, StressCommand.memory(spec)));
    }

    /** Stops the stress-ng this fault started; none left means already reverted. */
    @Override
    public void revert(Target target, MemoryStress spec) {
        running.take(target, spec).ifPresent(launcher::stop);
        // What a crashed agent started is found by the fault id its processes carry.
        launcher.sweep(target);
    }
}
