package dev.faultline.agent.fault;

import dev.faultline.common.command.InjectFault;
import java.util.Objects;

/** A lasting fault in effect on this host: what is needed to revert it. */
public record ActiveFault(InjectFault command, Target target, FaultExecutor<?> executor) {

    public ActiveFault {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(executor, "executor");
    }

    public String faultId() {
        return command.faultId();
    }
}
