package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.List;

/**
 * How the system looks when it is healthy: the probes that must pass, checked for {@code warmup} before the first
 * fault so that a system that was already broken is not blamed on the fault.
 *
 * @param adaptive the faster probing around transitions; absent = {@link AdaptiveProbing#DEFAULT}
 */
public record SteadyState(Duration warmup, List<Probe> probes, AdaptiveProbing adaptive) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(2);

    public SteadyState {
        probes = probes == null ? null : List.copyOf(probes);
        warmup = warmup == null ? DEFAULT_WARMUP : warmup;
        adaptive = adaptive == null ? AdaptiveProbing.DEFAULT : adaptive;
        Checks.start()
                .notNegative(warmup, "warmup")
                .notEmpty(probes, "probes")
                .require(probes == null || probes.stream().map(Probe::name).distinct().count() == probes.size(),
                        "probes", "names must be unique: results are reported per probe name")
                .throwIfAny();
    }

    /** With the default adaptive probing, as experiments were written before it existed. */
    public SteadyState(Duration warmup, List<Probe> probes) {
        this(warmup, probes, null);
    }
}
