package dev.faultline.observer.metrics;

import java.util.Map;

/** One sample line of the Prometheus exposition format: {@code name{labels} value}. */
public record Series(String name, Map<String, String> labels, double value) {

    public Series {
        labels = Map.copyOf(labels);
    }

    /** Whether every given label has the given value here (other labels may exist). */
    public boolean hasLabels(Map<String, String> wanted) {
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
