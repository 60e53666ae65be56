package dev.faultline.observer.service;

import dev.faultline.common.experiment.ServiceTarget;
import java.util.List;
import java.util.Objects;

/**
 * Every sample of one service over a run, oldest first: the counts over time and the replicas' start and health
 * instants, from which recovery (and scaling) is judged.
 *
 * @param intervalMillis the sampling interval: the resolution of every instant read from the samples alone
 * @param misses         why samples were missed (the platform could not be read), at most a few kept, for findings
 * @param missed         how many samples were missed in all
 */
public record ServiceSamples(ServiceTarget service, long intervalMillis, List<ServiceSnapshot> snapshots,
        List<String> misses, int missed) {

    public ServiceSamples {
        Objects.requireNonNull(service, "service");
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be positive, was " + intervalMillis);
        }
        snapshots = snapshots == null ? List.of() : List.copyOf(snapshots);
        misses = misses == null ? List.of() : List.copyOf(misses);
    }
}
