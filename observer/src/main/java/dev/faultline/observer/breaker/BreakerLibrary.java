package dev.faultline.observer.breaker;

import dev.faultline.common.experiment.CircuitBreakerSpec;
import dev.faultline.observer.metrics.Series;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a known breaker library exposes its state in Prometheus: one gauge per state, labelled {@code state}, 1 for
 * the current state and 0 for the others. The state names are mapped to Faultline's ({@code half_open} and
 * {@code halfOpen} become {@code half-open}).
 */
public enum BreakerLibrary {

    /** MicroProfile / SmallRye Fault Tolerance, as Quarkus exposes it. */
    SMALLRYE(CircuitBreakerSpec.SMALLRYE, "ft_circuitbreaker_state_current", "method",
            states("open", "open", "halfOpen", "half-open", "closed", "closed")),
    /** Resilience4j through resilience4j-micrometer (Spring Boot's Actuator uses the same names). */
    RESILIENCE4J(CircuitBreakerSpec.RESILIENCE4J, "resilience4j_circuitbreaker_state", "name",
            states("open", "open", "forced_open", "forced-open", "half_open", "half-open", "closed", "closed",
                    "disabled", "disabled", "metrics_only", "metrics-only"));

    private static final String STATE = "state";

    private final String key;
    private final String metric;
    private final String nameLabel;
    /** Library state -> Faultline state, rejecting states first: a filter matching several breakers shows open. */
    private final Map<String, String> states;

    BreakerLibrary(String key, String metric, String nameLabel, Map<String, String> states) {
        this.key = key;
        this.metric = metric;
        this.nameLabel = nameLabel;
        this.states = states;
    }

    public String key() {
        return key;
    }

    public String metric() {
        return metric;
    }

    public String nameLabel() {
        return nameLabel;
    }

    public static Optional<BreakerLibrary> of(String key) {
        for (BreakerLibrary l : values()) {
            if (l.key.equals(key)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The state of the breaker whose series carry {@code labels}: the one whose gauge is 1; empty without series. */
    public Optional<String> state(List<Series> scrape, Map<String, String> labels) {
        Map<String, Double> byState = new HashMap<>();
        for (Series s : scrape) {
            if (s.name().equals(metric) && s.hasLabels(labels) && s.labels().containsKey(STATE)) {
                byState.merge(s.labels().get(STATE), s.value(), Double::sum);
            }
        }
        for (var e : states.entrySet()) {
            Double v = byState.get(e.getKey());
            if (v != null && v >= 1) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** Every breaker of this library in the scrape: its labels without {@code state}, in the order first seen. */
    public List<Map<String, String>> breakersIn(List<Series> scrape) {
        Map<Map<String, String>, Boolean> found = new LinkedHashMap<>();
        for (Series s : scrape) {
            if (s.name().equals(metric) && s.labels().containsKey(STATE)) {
                Map<String, String> labels = new LinkedHashMap<>(s.labels());
                labels.remove(STATE);
                found.putIfAbsent(Map.copyOf(labels), true);
            }
        }
        return List.copyOf(found.keySet());
    }

    private static Map<String, String> states(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
