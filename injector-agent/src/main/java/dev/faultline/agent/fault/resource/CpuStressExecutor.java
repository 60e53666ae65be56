package dev.faultline.agent.fault.resource;

import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.AppliedEffects;
import dev.faultline.agent.fault.FaultExecutor;
import dev.faultline.agent.fault.Target;
import dev.faultline.common.fault.CpuStress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** {@code cpu-stress}: stress-ng burns CPU, inside the target's cgroups (see {@link StressLauncher}). */
@ApplicationScoped
public class CpuStressExecutor implements FaultExecutor<CpuStress> {

    private final StressLauncher launcher;
    private final AppliedEffects<StressProcess> running = new AppliedEffects<>();

    @Inject
    public CpuStressExecutor(StressLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public Class<CpuStress> specType() {
        return CpuStress.class;
    }

    @Override
    public Set<HostFeature> requires() {
        return Set.of(HostFeature.STRESS_NG, HostFeature.CGROUPS);
    }

    @Override
    public void apply(Target target, CpuStress spec) {
        running.add(target, spec, launcher.start(target, StressCommand.cpu(spec)));
    }

    /** Stops the stress-ng this fault started; none left means already reverted. */
    @Override
    public void revert(Target target, CpuStress spec) {
        running.take(target, spec).ifPresent(launcher::stop);
        // What a crashed agent started is found by the fault id its processes carry.
        launcher.sweep(target);
    }
}
