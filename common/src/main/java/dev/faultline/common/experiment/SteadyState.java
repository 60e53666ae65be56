package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.List;

/**
 * How the system looks when it is healthy: the probes that must pass, checked for {@code warmup} before the first
 * fault so that a system that was already broken is not blamed on the fault.
 */
public record SteadyState(Duration warmup, List<Probe> probes) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);

    public SteadyState {
        probes = probes == null ? null : List.copyOf(probes);
        warmup = warmup == null ? DEFAULT_WARMUP : warmup;
        Checks.start()
                .notNegative(warmup, "warmup")
                .notEmpty(probes, "probes")
                .require(probes == null || probes.stream().map(Probe::name).distinct().count() == probes.size(),
                        "probes", "names must be unique: results are reported per probe name")
                .throwIfAny();
    }
}
