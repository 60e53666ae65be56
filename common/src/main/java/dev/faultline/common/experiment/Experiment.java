package dev.faultline.common.experiment;

import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.util.List;

/**
 * An experiment as code: the steady state to check, the faults to inject and the objectives to judge the run by.
 * See docs/experiment-format.md.
 *
 * @param duration how long the run is observed from the first injection; recovery after that is not seen
 * @param load         optional load test run alongside the faults
 * @param loadBalancer optional load balancer (HAProxy, Envoy, Traefik, any Prometheus-exposing one) whose servers'
 *                     health and request counts tell when traffic was routed away from a target
 * @param resilience   optional resilience patterns to check (circuit breaker, retry storm, bulkhead)
 * @param integrity    optional data-integrity check of the load test's acknowledged writes (RPO = 0)
 * @param allowPlatformTargets whether Faultline's own infrastructure (label {@code faultline.platform=true}, the
 *                             agents' own containers) may be hit; absent means no
 * @param scaling      optional scaling to validate: the service's replica counts, scale-out time, cold starts and the
 *                     balance across replicas, with their objectives
 */
public record Experiment(
        String name,
        String description,
        Duration duration,
        SteadyState steadyState,
        List<FaultStep> faults,
        Slos slos,
        LoadTest load,
        LoadBalancer loadBalancer,
        ResilienceChecks resilience,
        DataIntegrity integrity,
        Boolean allowPlatformTargets,
        Scaling scaling) {

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
                .require(faults == null || duration == null || faults.stream().allMatch(
                        step -> step == null || step.startAfter().compareTo(duration) < 0), "faults",
                        "every step's startAfter must be shorter than the experiment's duration, or the window closes "
                                + "before the step is injected")
                .require(resilience == null || steadyState == null || steadyState.probes().stream()
                        .map(Probe::name).toList().containsAll(resilience.bulkheadProbes()), "resilience.bulkheadProbes",
                        "must name probes of steadyState.probes")
                .require(integrity == null || (load != null && load.orderIdField() != null), "integrity",
                        "needs a load test with orderIdField: it checks the writes the load test saw acknowledged")
                .require(slos == null || slos.minFullServiceAvailabilityPercent() == null || steadyState == null
                        || steadyState.probes().stream().anyMatch(p -> p instanceof HttpProbe http
                                && http.degraded() != null), "slos.minFullServiceAvailabilityPercent",
                        "needs an HTTP probe with degraded: set (full service is judged only for those)")
                .require(scaling == null || scaling.triggerAfterLoadStart() == null || load != null,
                        "scaling.triggerAfterLoadStart", "needs a load test: the trigger is a step of its load")
                .require(scaling == null || scaling.maxImbalance() == null || loadBalancer != null,
                        "scaling.maxImbalance", "needs a loadBalancer: the request share is the load balancer's")
                .throwIfAny();
        description = description == null ? "" : description;
        faults = List.copyOf(faults);
        slos = slos == null ? Slos.defaults() : slos;
        allowPlatformTargets = allowPlatformTargets != null && allowPlatformTargets;
    }

    /** Without a scaling section, as before it existed. */
    public Experiment(String name, String description, Duration duration, SteadyState steadyState,
            List<FaultStep> faults, Slos slos, LoadTest load, LoadBalancer loadBalancer, ResilienceChecks resilience,
            DataIntegrity integrity, Boolean allowPlatformTargets) {
        this(name, description, duration, steadyState, faults, slos, load, loadBalancer, resilience, integrity,
                allowPlatformTargets, null);
    }

    /** An experiment without load, load balancer, resilience or integrity sections, sparing the platform. */
    public Experiment(String name, String description, Duration duration, SteadyState steadyState,
            List<FaultStep> faults, Slos slos) {
        this(name, description, duration, steadyState, faults, slos, null, null, null, null, false);
    }

    /** Without load, load balancer, resilience or integrity sections. */
    public Experiment(String name, String description, Duration duration, SteadyState steadyState,
            List<FaultStep> faults, Slos slos, Boolean allowPlatformTargets) {
        this(name, description, duration, steadyState, faults, slos, null, null, null, null, allowPlatformTargets);
    }

    /** Sparing the platform (the default). */
    public Experiment(String name, String description, Duration duration, SteadyState steadyState,
            List<FaultStep> faults, Slos slos, LoadTest load, LoadBalancer loadBalancer, ResilienceChecks resilience,
            DataIntegrity integrity) {
        this(name, description, duration, steadyState, faults, slos, load, loadBalancer, resilience, integrity, false);
    }

    public boolean platformTargetsAllowed() {
        return Boolean.TRUE.equals(allowPlatformTargets);
    }

    /** How long a step's fault lasts: its own duration, or the experiment's. */
    public Duration durationOf(FaultStep step) {
        return step.duration() != null ? step.duration() : duration;
    }
}
