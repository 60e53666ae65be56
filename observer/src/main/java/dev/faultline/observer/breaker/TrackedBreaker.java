package dev.faultline.observer.breaker;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.observer.metrics.Series;
import dev.faultline.observer.metrics.SeriesCondition;
import dev.faultline.observer.metrics.SeriesSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A breaker the poller reads at every poll of its endpoint: through a library preset ({@code library} and
 * {@code labels}) or through the author's conditions ({@code open}, {@code halfOpen}).
 *
 * @param series how it is read, as reports cite it
 */
public record TrackedBreaker(String name, String library, String metricsUrl, String series, boolean discovered,
        Map<String, String> labels, SeriesCondition open, SeriesCondition halfOpen) {

    public TrackedBreaker {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (BreakerLibrary.of(library).isEmpty() && open == null) {
            throw new IllegalArgumentException("breaker " + name + ": neither a known library nor an open condition");
        }
    }

    /** A breaker the experiment names. */
    public static TrackedBreaker named(CircuitBreakerSpec spec) {
        if (CircuitBreakerSpec.PROMETHEUS.equals(spec.library())) {
            return new TrackedBreaker(spec.name(), spec.library(), spec.metricsUrl(),
                    spec.open().strip() + (spec.halfOpen() == null ? "" : "; half-open: " + spec.halfOpen().strip()),
                    false, Map.of(), SeriesCondition.parse(spec.open()),
                    spec.halfOpen() == null ? null : SeriesCondition.parse(spec.halfOpen()));
        }
        BreakerLibrary lib = BreakerLibrary.of(spec.library()).orElseThrow();
        Map<String, String> labels = new HashMap<>();
        String written = spec.labels() == null ? "" : spec.labels().strip();
        if (spec.labels() != null) {
            labels.putAll(SeriesSelector.parse("m{" + spec.labels() + "}").labels());
        }
        if (lib == BreakerLibrary.RESILIENCE4J) {
            labels.put(lib.nameLabel(), spec.name());
            written = lib.nameLabel() + "=\"" + spec.name() + "\"" + (written.isEmpty() ? "" : "," + written);
        }
        String name = spec.name() != null ? spec.name()
                : labels.getOrDefault(lib.nameLabel(), labels.values().stream().findFirst().orElse(written));
        return new TrackedBreaker(name, lib.key(), spec.metricsUrl(), lib.metric() + "{" + written + "}", false, labels,
                null, null);
    }

    /** A breaker found at an endpoint: its series' labels other than {@code state}. */
    public static TrackedBreaker discovered(BreakerLibrary lib, String metricsUrl, Map<String, String> labels) {
        String series = new SeriesSelector(lib.metric(), labels).toString();
        return new TrackedBreaker(labels.getOrDefault(lib.nameLabel(), series), lib.key(), metricsUrl, series, true,
                labels, null, null);
    }

    /** Every breaker of a known library in one scrape of {@code metricsUrl}. */
    public static List<TrackedBreaker> discoverIn(List<Series> scrape, String metricsUrl) {
        return java.util.Arrays.stream(BreakerLibrary.values())
                .flatMap(lib -> lib.breakersIn(scrape).stream().map(labels -> discovered(lib, metricsUrl, labels)))
                .toList();
    }

    /**
     * The breaker's state in one scrape of its endpoint; empty when the scrape has no series of it (nothing guards
     * that call, or the breaker was not created yet).
     */
    public Optional<String> state(List<Series> scrape) {
        if (open == null) {
            return BreakerLibrary.of(library).orElseThrow().state(scrape, labels);
        }
        if (open.selector().valueIn(scrape).isEmpty()) {
            return Optional.empty();
        }
        if (open.violation(scrape).isEmpty()) {
            return Optional.of("open");
        }
        if (halfOpen != null && halfOpen.violation(scrape).isEmpty()) {
            return Optional.of("half-open");
        }
        return Optional.of("closed");
    }
}
