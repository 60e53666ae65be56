package dev.faultline.common.fault;

import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.faultline.common.validation.Checks;
import java.util.Locale;
import java.util.Set;

/**
 * Kill a container with a signal. A kill acts once and cannot be reverted: recovering is the system's job, which
 * is what the experiment measures.
 *
 * @param signal the signal, with or without the {@code SIG} prefix; default {@code SIGKILL}
 * @param method see {@link KillMethod}; default {@link KillMethod#PROCESS}
 */
@OneShot
@JsonTypeName("container-kill")
public record ContainerKill(String signal, KillMethod method) implements FaultSpec {

    /** Signals that end or interrupt a process; stopping signals belong to container-pause. */
    public static final Set<String> SIGNALS = Set.of(
            "SIGKILL", "SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGABRT", "SIGUSR1", "SIGUSR2");

    public ContainerKill {
        signal = normalise(signal);
        method = method == null ? KillMethod.PROCESS : method;
        Checks.start()
                .require(SIGNALS.contains(signal), "signal",
                        "must be one of " + String.join(", ", SIGNALS.stream().sorted().toList()) + ", was " + signal)
                .throwIfAny();
    }

    public static ContainerKill sigkill() {
        return new ContainerKill("SIGKILL", KillMethod.PROCESS);
    }

    @Override
    public boolean lasting() {
        return false;
    }

    /** The signal name without the {@code SIG} prefix, as {@code kill -s} and the Docker API take it. */
    public String shortSignal() {
        return signal.substring(3);
    }

    private static String normalise(String signal) {
        if (signal == null || signal.isBlank()) {
            return "SIGKILL";
        }
        String s = signal.trim().toUpperCase(Locale.ROOT);
        return s.startsWith("SIG") ? s : "SIG" + s;
    }
}
