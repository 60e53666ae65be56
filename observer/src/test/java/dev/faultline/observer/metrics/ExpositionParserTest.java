package dev.faultline.observer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    static final String SCRAPE = """
            # HELP ft_circuitbreaker_state_current Whether the circuit breaker is in a given state
            # TYPE ft_circuitbreaker_state_current gauge
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="closed"} 0.0
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="open"} 1.0
            ft_circuitbreaker_state_current{method="shop.Stock.reserve",state="halfOpen"} 0.0
            # TYPE ft_invocations_total counter
            ft_invocations_total{method="shop.Stock.reserve",result="valueReturned"} 120 1700000000000
            ft_invocations_total{method="shop.Stock.reserve",result="exceptionThrown"} 30
            http_server_requests_seconds_max{uri="/orders", outcome="SERVER_ERROR" , note="a \\"quoted\\", comma"} +Inf
            up 1
            """;

    @Test
    void readsNamesLabelsValuesAndSkipsCommentsAndTimestamps() {
        List<Series> series = ExpositionParser.parse(SCRAPE);

        assertThat(series).hasSize(7);
        assertThat(series.get(1)).isEqualTo(new Series("ft_circuitbreaker_state_current",
                Map.of("method", "shop.Stock.reserve", "state", "open"), 1.0));
        assertThat(series.get(3).value()).isEqualTo(120);
        assertThat(series.get(5).labels()).containsEntry("note", "a \"quoted\", comma")
                .containsEntry("outcome", "SERVER_ERROR");
        assertThat(series.get(5).value()).isInfinite();
        assertThat(series.get(6)).isEqualTo(new Series("up", Map.of(), 1));
    }

    @Test
    void conditionsHoldOrSayWhyNot() {
        List<Series> scrape = ExpositionParser.parse(SCRAPE);

        assertThat(SeriesCondition.parse("ft_circuitbreaker_state_current{state=\"open\"} == 0").violation(scrape))
                .contains("ft_circuitbreaker_state_current{state=\"open\"} is 1, not == 0");
        assertThat(SeriesCondition.parse("ft_circuitbreaker_state_current{state=\"closed\"} == 0").violation(scrape))
                .isEmpty();
        // several matching series are summed, like sum() in PromQL
        assertThat(SeriesCondition.parse("ft_invocations_total{method=\"shop.Stock.reserve\"} >= 150")
                .violation(scrape)).isEmpty();
        assertThat(SeriesCondition.parse("ft_invocations_total > 150").violation(scrape)).isPresent();
        assertThat(SeriesCondition.parse("missing_metric == 0").violation(scrape)).contains("no series missing_metric");
    }

    @Test
    void aMalformedLineIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> ExpositionParser.parse("up 1\nbroken{a=\"x\" 1\n"))
                .hasMessageContaining("metrics line 2");
        assertThatThrownBy(() -> ExpositionParser.parse("up one\n")).hasMessageContaining("metrics line 1");
    }
}
