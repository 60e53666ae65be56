package dev.faultline.observer.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.common.verdict.LoadRoute;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FROM = T0.plusSeconds(1);
    private static final Instant TO = T0.plusSeconds(3);

    private static LoadResponse answer(long atMillis, int status, long latency, String route) {
        return new LoadResponse(T0.plusMillis(atMillis), status, latency, null, route, null);
    }

    private static LoadResponse error(long atMillis, long latency, String code, String route) {
        return new LoadResponse(T0.plusMillis(atMillis), 0, latency, null, route, code);
    }

    @Test
    void everyStatusThatIsNotSuccessIsAFailureNotOnly5xx() {
        List<LoadResponse> all = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            all.add(answer(1_000 + i * 10, i < 45 ? 405 : 200, 5, "GET /orders"));
        }

        LoadSummary summary = LoadStatistics.summarize(all, FROM, TO, SuccessStatus.DEFAULT);

        assertThat(summary.errors()).isEqualTo(45);
        assertThat(summary.errorRatePercent()).isEqualTo(45.0);
        assertThat(summary.statuses()).containsExactly(Map.entry(200, 55L), Map.entry(405, 45L));
        assertThat(summary.failures()).isEqualTo(new FailureBreakdown(Map.of(405, 45L), Map.of()));
        assertThat(summary.method()).contains("a status other than 2xx, 3xx");
        LoadSummary tolerant = LoadStatistics.summarize(all, FROM, TO, new SuccessStatus(List.of("2xx", 405)));
        assertThat(tolerant.errors()).isZero();
        assertThat(tolerant.failures()).isEqualTo(FailureBreakdown.NONE);
    }

    @Test
    void requestsThatNeverGotAnAnswerCountInThePercentilesAtTheirTimeoutAndAsFailures() {
        List<LoadResponse> all = new ArrayList<>();
        for (int i = 0; i < 76; i++) {
            all.add(answer(1_000 + i * 10, 200, 30, "GET /orders"));
        }
        for (int i = 0; i < 24; i++) {
            all.add(error(1_000 + i * 10, 10_000, "ETIMEDOUT", "GET /orders"));
        }

        LoadSummary summary = LoadStatistics.summarize(all, FROM, TO, SuccessStatus.DEFAULT);

        assertThat(summary.requests()).isEqualTo(100);
        assertThat(summary.errors()).isEqualTo(24);
        assertThat(summary.p50Millis()).isEqualTo(30);
        assertThat(summary.p95Millis()).isEqualTo(10_000);
        assertThat(summary.p99Millis()).isEqualTo(10_000);
        assertThat(summary.failures().byKind()).containsExactly(Map.entry(FailureKind.TIMEOUT, 24L));
    }

    @Test
    void aRequestBelongsToTheWindowInWhichItWasAnswered() {
        List<LoadResponse> all = List.of(
                answer(900, 503, 50, "GET /a"),      // answered at 950 ms: before the injection
                error(990, 1_000, "ECONNRESET", "GET /a"), // sent before, failed after: the fault's
                answer(3_500, 200, 5, "GET /a"));    // sent after the window

        LoadSummary summary = LoadStatistics.summarize(all, FROM, TO, SuccessStatus.DEFAULT);

        assertThat(summary.requests()).isEqualTo(1);
        assertThat(summary.failures().byKind()).containsExactly(Map.entry(FailureKind.RESET, 1L));
    }

    @Test
    void figuresArePerRouteAsWellAsOverall() {
        List<LoadResponse> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(answer(1_000 + i * 100, 200, 10, "GET /catalog"));
            all.add(answer(1_000 + i * 100, i < 6 ? 405 : 200, 20 + i, "GET /orders/{{ id }}"));
        }
        all.add(error(1_500, 2, "ECONNREFUSED", "GET /orders/{{ id }}"));
        all.add(new LoadResponse(T0.plusMillis(1_500), 200, 1, null)); // a line written before routes existed

        LoadSummary summary = LoadStatistics.summarize(all, FROM, TO, SuccessStatus.DEFAULT);

        assertThat(summary.routes()).extracting(LoadRoute::route)
                .containsExactly(LoadStatistics.UNRECORDED_ROUTE, "GET /catalog", "GET /orders/{{ id }}");
        LoadRoute catalog = summary.routes().get(1);
        assertThat(catalog.requests()).isEqualTo(10);
        assertThat(catalog.errors()).isZero();
        assertThat(catalog.statuses()).containsExactly(Map.entry(200, 10L));
        LoadRoute orders = summary.routes().get(2);
        assertThat(orders.requests()).isEqualTo(11);
        assertThat(orders.errors()).isEqualTo(7);
        assertThat(orders.errorRatePercent()).isCloseTo(63.636, org.assertj.core.data.Offset.offset(0.001));
        assertThat(orders.failures()).isEqualTo(new FailureBreakdown(Map.of(405, 6L), Map.of(FailureKind.REFUSED, 1L)));
        assertThat(orders.p99Millis()).isEqualTo(29);
        assertThat(summary.errors()).isEqualTo(7);
    }

    @Test
    void eachSecondCarriesItsFailuresByCause() {
        List<LoadResponse> all = List.of(
                answer(100, 200, 5, "r"), answer(1_100, 500, 5, "r"), error(1_200, 10_000, "ETIMEDOUT", "r"),
                answer(1_300, 200, 5, "r"));

        List<LoadSecond> seconds = LoadStatistics.perSecond(all, SuccessStatus.DEFAULT);

        assertThat(seconds).hasSize(2);
        assertThat(seconds.get(0).failures()).isEqualTo(FailureBreakdown.NONE);
        assertThat(seconds.get(1).errors()).isEqualTo(2);
        assertThat(seconds.get(1).failures())
                .isEqualTo(new FailureBreakdown(Map.of(500, 1L), Map.of(FailureKind.TIMEOUT, 1L)));
        assertThat(seconds.get(1).p99Millis()).isEqualTo(10_000);
    }

    @Test
    void readsLinesWithAndWithoutRouteAndErrorCode() {
        assertThat(LoadResponse.parse("1000,200,12,o-1")).hasValue(
                new LoadResponse(Instant.ofEpochMilli(1000), 200, 12, "o-1", null, null));
        assertThat(LoadResponse.parse("1000,0,10000,,GET /orders,ETIMEDOUT")).hasValueSatisfying(r -> {
            assertThat(r.route()).isEqualTo("GET /orders");
            assertThat(r.failureKind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(r.failed(SuccessStatus.DEFAULT)).isTrue();
        });
        assertThat(LoadResponse.parse("1000,0,3,,r,ECONNREFUSED").orElseThrow().failureKind())
                .isEqualTo(FailureKind.REFUSED);
        assertThat(LoadResponse.parse("1000,0,3,,r,EPIPE").orElseThrow().failureKind()).isEqualTo(FailureKind.RESET);
        assertThat(LoadResponse.parse("1000,0,3,,r,ENOTFOUND").orElseThrow().failureKind())
                .isEqualTo(FailureKind.OTHER);
        assertThat(LoadResponse.parse("1000,0,3").orElseThrow().failureKind()).isEqualTo(FailureKind.OTHER);
        assertThat(LoadResponse.parse("1000,302,3").orElseThrow().failed(SuccessStatus.DEFAULT)).isFalse();
    }

    /** The plugin strips commas and line breaks instead of quoting: a quote is part of the value, not CSV quoting. */
    @Test
    void aQuoteInARouteIsPartOfTheRoute() {
        assertThat(LoadResponse.parse("1000,200,12,o-1,\"checkout,")).hasValueSatisfying(
                r -> assertThat(r.route()).isEqualTo("\"checkout"));
        assertThat(LoadResponse.parse("1000,200,12,o-1,say \"hi\" twice,")).hasValueSatisfying(
                r -> assertThat(r.route()).isEqualTo("say \"hi\" twice"));
    }

    @Test
    void anIncompleteOrMalformedLineIsSkipped() {
        assertThat(LoadResponse.parse("1000,20")).isEmpty();
        assertThat(LoadResponse.parse("1000,2x,12")).isEmpty();
        assertThat(LoadResponse.parse("1000,200,-1")).isEmpty();
    }
}
