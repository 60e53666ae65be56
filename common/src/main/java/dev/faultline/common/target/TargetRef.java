package dev.faultline.common.target;

import dev.faultline.common.validation.Checks;

/** One resolved target: a container on the host of one agent. A command acts on exactly one of these. */
public record TargetRef(String agentId, String containerId, String containerName) {

    public TargetRef {
        Checks.start()
                .notBlank(agentId, "agentId")
                .notBlank(containerId, "containerId")
                .notBlank(containerName, "containerName")
                .throwIfAny();
    }

    @Override
    public String toString() {
        return containerName + "@" + agentId;
    }
}
