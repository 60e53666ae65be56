package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.List;

/**
 * An experiment as code: the steady state to check, the faults to inject and the objectives to judge the run by.
 * See docs/experiment-format.md.
 *
 * @param duration how long the run is observed from the first injection; recovery after that is not seen
 * @param allowPlatformTargets whether Faultline's own infrastructure (label {@code faultline.platform=true}, the
 *                             agents' own containers) may be hit; absent means no
 */
public record Experiment(
        String name,
        String description,
        Duration duration,
        SteadyState steadyState,
        List<FaultStep> faults,
        Slos slos,
        Boolean allowPlatformTargets) {

    public static final Duration MAX_DURATION = Duration.ofHours(1);

    public Experiment {
        Checks.start()
                .notBlank(name, "name")
                .require(name == null || name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}"), "name",
                        "must be 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit")
                .notNull(duration, "duration")
                .positive(duration, "duration")
                .require(duration == null || duration.compareTo(MAX_DURATION) <= 0, "duration",
                        "must be at most 1h")
                .notNull(steadyState, "steadyState")
                .notEmpty(faults, "faults")
                .throwIfAny();
        description = description == null ? "" : description;
        faults = List.copyOf(faults);
        slos = slos == null ? Slos.defaults() : slos;
        allowPlatformTargets = allowPlatformTargets != null && allowPlatformTargets;
    }

    /** Without the platform-target permission (the default). */
    public Experiment(String name, String description, Duration duration, SteadyState steadyState,
            List<FaultStep> faults, Slos slos) {
        this(name, description, duration, steadyState, faults, slos, false);
    }

    public boolean platformTargetsAllowed() {
        return Boolean.TRUE.equals(allowPlatformTargets);
    }
}
