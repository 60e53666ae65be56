package dev.faultline.observer.metrics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code metric{label="value",...}}: the series of that name carrying at least those labels. When several match
 * (other labels differ), their values are summed, as Prometheus's {@code sum()} would: a counter split by outcome
 * is counted whole.
 */
public record SeriesSelector(String metric, Map<String, String> labels) {

    public SeriesSelector {
        labels = Map.copyOf(labels);
    }

    /** Parses {@code metric} or {@code metric{a="x"}}. */
    public static SeriesSelector parse(String text) {
        Series parsed = ExpositionParser.parseLine(text.strip() + " 0");
        return new SeriesSelector(parsed.name(), parsed.labels());
    }

    /** The summed value of the matching series; empty when none matches. */
    public Optional<Double> valueIn(List<Series> series) {
        List<Series> matching = series.stream()
                .filter(s -> s.name().equals(metric) && s.hasLabels(labels))
                .toList();
        return matching.isEmpty()
                ? Optional.empty()
                : Optional.of(matching.stream().mapToDouble(Series::value).sum());
    }

    @Override
    public String toString() {
        if (labels.isEmpty()) {
            return metric;
        }
        StringBuilder b = new StringBuilder(metric).append('{');
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(e.getKey()).append("=\"").append(e.getValue()).append("\","));
        b.setLength(b.length() - 1);
        return b.append('}').toString();
    }
}
