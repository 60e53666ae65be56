package dev.faultline.observer.service;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.verdict.ServiceCount;
import dev.faultline.common.verdict.ServiceMark;
import dev.faultline.common.verdict.ServiceRecovery;
import dev.faultline.common.verdict.ServiceReplica;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a service's samples and the faults that hit its replicas into its recovery: replacement started,
 * replacement healthy, back to the desired healthy count (the service RTO). Pure.
 *
 * <p>Each instant is the most exact one known: Docker's event as the agent reported it ({@link TargetStateChanged}
 * of a fault on the service: the agent follows the service's labels, so replacements are reported too), else the
 * instant Docker recorded in the container's state (its start, the end of the health check that passed), else the
 * first sample that showed it, with the sampling interval as its resolution.
 */
public final class ServiceRecoveryCalculator {

    private ServiceRecoveryCalculator() {
    }

    public static ServiceRecovery calculate(ServiceSamples samples, List<FaultInjected> injections,
            List<TargetStateChanged> states) {
        List<ServiceSnapshot> snapshots = samples.snapshots();
        long interval = samples.intervalMillis();
        Integer fixed = samples.service().replicas();
        ServiceSnapshot first = snapshots.isEmpty() ? null : snapshots.get(0);
        int desired = fixed != null ? fixed
                : first == null ? 0 : first.platformDesired() != null ? first.platformDesired() : first.running();
        String desiredFrom = fixed != null ? "replicas"
                : first != null && first.platformDesired() != null ? "platform" : "run-start";

        Set<String> everSeen = snapshots.stream().flatMap(s -> s.replicas().stream()).map(ReplicaState::containerId)
                .collect(Collectors.toSet());
        // A fault is on the service when its target was seen in a sample, or when a container the agent reported
        // for it was (the agent follows the service's labels): a replica that lived only between two samples.
        Set<String> faultsOnSeen = states.stream().filter(s -> everSeen.contains(s.target().containerId()))
                .map(TargetStateChanged::faultId).collect(Collectors.toSet());
        List<FaultInjected> onService = injections.stream()
                .filter(i -> everSeen.contains(i.target().containerId()) || faultsOnSeen.contains(i.faultId()))
                .sorted(Comparator.comparing(FaultInjected::injectedAt)).toList();
        List<ServiceCount> counts = counts(snapshots, fixed);
        if (onService.isEmpty()) {
            return new ServiceRecovery(samples.service(), desired, desiredFrom, interval, null, 0, null, null, null,
                    null, null, null, counts, List.of());
        }
        Instant injectedAt = onService.get(0).injectedAt();
        int hit = (int) onService.stream().map(i -> i.target().containerId()).distinct().count();
        Set<String> faults = onService.stream().map(FaultInjected::faultId).collect(Collectors.toSet());
        List<TargetStateChanged> events = states.stream().filter(s -> faults.contains(s.faultId()))
                .filter(s -> !s.at().isBefore(injectedAt)).sorted(Comparator.comparing(TargetStateChanged::at))
                .toList();

        List<ServiceSnapshot> after = snapshots.stream().filter(s -> !s.at().isBefore(injectedAt)).toList();
        Map<String, ServiceReplica> replacements = replacements(after, injectedAt, events);
        ServiceMark started = replacementStarted(replacements.values(), events, injectedAt);
        ServiceMark healthy = replacementHealthy(replacements, after, events, started, interval);
        Integer minHealthy = after.stream().map(ServiceSnapshot::healthy).min(Integer::compare).orElse(null);
        Back back = backToDesired(after, desired, fixed, replacements, events, interval);
        Long rto = back == null ? null : Duration.between(injectedAt, back.mark().at()).toMillis();
        return new ServiceRecovery(samples.service(), desired, desiredFrom, interval, injectedAt, hit, started,
                healthy, back == null ? null : back.mark(), rto, back == null ? null : back.sampledAt(), minHealthy,
                counts, List.copyOf(replacements.values()));
    }

    /** Change points of the counts, the desired count being the experiment's, else the platform's, else the first. */
    static List<ServiceCount> counts(List<ServiceSnapshot> snapshots, Integer fixed) {
        List<ServiceCount> counts = new ArrayList<>();
        Integer runStart = snapshots.isEmpty() ? null : snapshots.get(0).running();
        for (ServiceSnapshot s : snapshots) {
            int desired = fixed != null ? fixed : s.platformDesired() != null ? s.platformDesired() : runStart;
            ServiceCount c = new ServiceCount(s.at(), desired, s.running(), s.healthy());
            ServiceCount last = counts.isEmpty() ? null : counts.get(counts.size() - 1);
            if (last == null || last.desired() != c.desired() || last.running() != c.running()
                    || last.healthy() != c.healthy()) {
                counts.add(c);
            }
        }
        return counts;
    }

    /**
     * Replicas whose container started after the injection (a new container or task, or a hit one restarted under its
     * own id), first seen first, with the first healthy instant known for each.
     */
    private static Map<String, ServiceReplica> replacements(List<ServiceSnapshot> after, Instant injectedAt,
            List<TargetStateChanged> events) {
        Map<String, ServiceReplica> found = new LinkedHashMap<>();
        for (ServiceSnapshot s : after) {
            for (ReplicaState r : s.replicas()) {
                if (r.startedAt().isBefore(injectedAt)) {
                    continue;
                }
                ServiceReplica known = found.get(r.containerId());
                Instant healthyAt = known != null && known.healthyAt() != null ? known.healthyAt()
                        : r.countsHealthy() ? healthyInstant(r, s, events) : null;
                found.put(r.containerId(), new ServiceReplica(r.containerId(), r.name(), r.startedAt(), healthyAt));
            }
        }
        return found;
    }

    /** Docker's event, else the health log's instant, else (no health check, or a log that lost it) the sample's. */
    private static Instant healthyInstant(ReplicaState r, ServiceSnapshot seenIn, List<TargetStateChanged> events) {
        Optional<Instant> event = firstEvent(events, r.containerId(), r.healthy() == null ? TargetState.UP
                : TargetState.HEALTHY, r.startedAt().minusMillis(1));
        if (event.isPresent()) {
            return event.get();
        }
        if (r.healthy() == null) {
            return r.startedAt();
        }
        return r.healthySince() != null ? r.healthySince() : seenIn.at();
    }

    private static ServiceMark replacementStarted(java.util.Collection<ServiceReplica> replacements,
            List<TargetStateChanged> events, Instant injectedAt) {
        Optional<TargetStateChanged> up = events.stream().filter(e -> e.state() == TargetState.UP).findFirst();
        if (up.isPresent()) {
            return new ServiceMark(up.get().at(), 0, ServiceMark.DOCKER_EVENT);
        }
        return replacements.stream().map(ServiceReplica::startedAt).min(Comparator.naturalOrder())
                .map(at -> new ServiceMark(at, 0, ServiceMark.DOCKER_STATE)).orElse(null);
    }

    private static ServiceMark replacementHealthy(Map<String, ServiceReplica> replacements,
            List<ServiceSnapshot> after, List<TargetStateChanged> events, ServiceMark started, long interval) {
        if (started == null) {
            return null;
        }
        Optional<TargetStateChanged> healthy = events.stream().filter(e -> e.state() == TargetState.HEALTHY)
                .filter(e -> !e.at().isBefore(started.at())).findFirst();
        if (healthy.isPresent()) {
            return new ServiceMark(healthy.get().at(), 0, ServiceMark.DOCKER_EVENT);
        }
        for (ServiceSnapshot s : after) {
            Optional<ReplicaState> first = s.replicas().stream()
                    .filter(r -> replacements.containsKey(r.containerId()) && r.countsHealthy())
                    .min(Comparator.comparing(r -> r.healthySince() != null ? r.healthySince() : s.at()));
            if (first.isPresent()) {
                ReplicaState r = first.get();
                if (r.healthy() == null) {
                    return new ServiceMark(r.startedAt(), 0, ServiceMark.DOCKER_STATE);
                }
                return r.healthySince() != null ? new ServiceMark(r.healthySince(), 0, ServiceMark.DOCKER_STATE)
                        : new ServiceMark(s.at(), interval, ServiceMark.SAMPLE);
            }
        }
        return null;
    }

    private record Back(ServiceMark mark, Instant sampledAt) {
    }

    /**
     * The first sample back at the desired healthy count after one below it. Refined to the instant the last of the
     * replicas that made it whole turned healthy, when Docker's instant is known for every one of them and lies
     * between the previous sample and this one; else the sample's instant, to one interval.
     */
    private static Back backToDesired(List<ServiceSnapshot> after, int runDesired, Integer fixed,
            Map<String, ServiceReplica> replacements, List<TargetStateChanged> events, long interval) {
        boolean below = false;
        ServiceSnapshot previous = null;
        for (ServiceSnapshot s : after) {
            int desired = fixed != null ? fixed : s.platformDesired() != null ? s.platformDesired() : runDesired;
            if (s.healthy() < desired) {
                below = true;
            } else if (below) {
                return new Back(refine(s, previous, replacements, events, interval), s.at());
            }
            previous = s;
        }
        return null;
    }

    private static ServiceMark refine(ServiceSnapshot back, ServiceSnapshot previous,
            Map<String, ServiceReplica> replacements, List<TargetStateChanged> events, long interval) {
        Set<String> healthyBefore = new HashSet<>();
        if (previous != null) {
            previous.replicas().stream().filter(ReplicaState::countsHealthy).map(ReplicaState::containerId)
                    .forEach(healthyBefore::add);
        }
        List<ReplicaState> newlyHealthy = back.replicas().stream().filter(ReplicaState::countsHealthy)
                .filter(r -> !healthyBefore.contains(r.containerId())).toList();
        ServiceMark sampled = new ServiceMark(back.at(), interval, ServiceMark.SAMPLE);
        if (newlyHealthy.isEmpty()) {
            return sampled;
        }
        Instant latest = null;
        for (ReplicaState r : newlyHealthy) {
            ServiceReplica replica = replacements.get(r.containerId());
            Instant at = replica == null ? null : replica.healthyAt();
            if (at == null || at.equals(back.at())) {
                return sampled; // only the sample saw it: nothing more exact to offer
            }
            latest = latest == null || at.isAfter(latest) ? at : latest;
        }
        // A sample a little late still brackets the true instant; one far off means the instants belong elsewhere.
        Instant from = previous == null ? back.at().minusMillis(interval) : previous.at();
        if (latest.isAfter(back.at().plusMillis(interval)) || latest.isBefore(from.minusMillis(interval))) {
            return sampled;
        }
        Instant exact = latest;
        boolean fromEvent = events.stream().anyMatch(e -> e.at().equals(exact));
        return new ServiceMark(latest, 0, fromEvent ? ServiceMark.DOCKER_EVENT : ServiceMark.DOCKER_STATE);
    }

    private static Optional<Instant> firstEvent(List<TargetStateChanged> events, String containerId,
            TargetState state, Instant notBefore) {
        return events.stream().filter(e -> e.state() == state && e.target().containerId().equals(containerId))
                .map(TargetStateChanged::at).filter(at -> !at.isBefore(notBefore)).findFirst();
    }
}
