package dev.faultline.common.verdict;

import dev.faultline.common.experiment.ServiceTarget;
import dev.faultline.common.validation.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one targeted service came back from the faults on its replicas: the service's own recovery, beside each
 * probe's. See docs/verdict.md.
 *
 * @param desired              the healthy count recovery is judged against
 * @param desiredFrom          {@code replicas} (the experiment said), {@code platform} (Swarm's or ECS's desired
 *                             count at the run's start) or {@code run-start} (Compose: the replicas running then)
 * @param intervalMillis       the sampling interval: the resolution of every sampled instant
 * @param injectedAt           the first fault on one of its replicas; null when no fault hit it
 * @param replicasHit          how many of its replicas the run's faults hit
 * @param replacementStarted   the first replica (new container or task, or a restart of a hit one) started after
 *                             the injection
 * @param replacementHealthy   the first such replica's health check passing after its start
 * @param backToDesired        the service back at its desired healthy count after it had dropped below it
 * @param serviceRtoMillis     backToDesired minus injectedAt: the service's recovery time; null when not back
 * @param sampledBackToDesiredAt the first sample that showed the service back, whatever {@code backToDesired}'s
 *                             source: within one interval after the true instant
 * @param minHealthy           the fewest healthy replicas any sample after the injection showed
 * @param counts               the counts over the run, one entry per change, oldest first
 * @param replacements         the replicas started after the injection, with their start and healthy instants
 */
public record ServiceRecovery(
        ServiceTarget service,
        int desired,
        String desiredFrom,
        long intervalMillis,
        Instant injectedAt,
        int replicasHit,
        ServiceMark replacementStarted,
        ServiceMark replacementHealthy,
        ServiceMark backToDesired,
        Long serviceRtoMillis,
        Instant sampledBackToDesiredAt,
        Integer minHealthy,
        List<ServiceCount> counts,
        List<ServiceReplica> replacements) {

    public ServiceRecovery {
        Checks.start().notNull(service, "service").notBlank(desiredFrom, "desiredFrom")
                .require(desired >= 0, "desired", "must not be negative")
                .require(intervalMillis > 0, "intervalMillis", "must be positive")
                .require(replicasHit >= 0, "replicasHit", "must not be negative")
                .throwIfAny();
        counts = counts == null ? List.of() : List.copyOf(counts);
        replacements = replacements == null ? List.of() : List.copyOf(replacements);
    }

    /** Hit, and back at its desired healthy count within the window. */
    public boolean recovered() {
        return backToDesired != null;
    }

    /** Hit, and it ended the window below its desired healthy count (or was never seen back). */
    public boolean notRecovered() {
        return injectedAt != null && minHealthy != null && minHealthy < desired && backToDesired == null;
    }

    public Duration serviceRto() {
        return serviceRtoMillis == null ? null : Duration.ofMillis(serviceRtoMillis);
    }
}
