package dev.faultline.observer.patterns;

import dev.faultline.observer.metrics.Series;
import dev.faultline.observer.metrics.SeriesSelector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of a MicroProfile / SmallRye Fault Tolerance circuit breaker from its gauge
 * {@code ft_circuitbreaker_state_current{method="...",state="closed|open|halfOpen"}}: the state whose gauge is 1.
 */
final class CircuitState {

    private CircuitState() {
    }

    static Optional<String> of(List<Series> scrape, SeriesSelector breaker) {
        for (String state : List.of("open", "halfOpen", "closed")) {
            Map<String, String> labels = new HashMap<>(breaker.labels());
            labels.put("state", state);
            Optional<Double> v = new SeriesSelector(breaker.metric(), labels).valueIn(scrape);
            if (v.isPresent() && v.get() >= 1) {
                return Optional.of("halfOpen".equals(state) ? "half-open" : state);
            }
        }
        return Optional.empty();
    }
}
