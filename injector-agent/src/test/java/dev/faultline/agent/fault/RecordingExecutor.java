package dev.faultline.agent.fault;

import dev.faultline.common.fault.ContainerKill;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An executor that only remembers what it was asked, for tests of the machinery around executors. */
class RecordingExecutor implements FaultExecutor<ContainerKill> {

    final List<String> reverted = new CopyOnWriteArrayList<>();
    volatile RuntimeException revertFailure;

    @Override
    public Class<ContainerKill> specType() {
        return ContainerKill.class;
    }

    @Override
    public void apply(Target target, ContainerKill spec) {
    }

    @Override
    public void revert(Target target, ContainerKill spec) {
        if (revertFailure != null) {
            throw revertFailure;
        }
        reverted.add(target.containerId());
    }
}
