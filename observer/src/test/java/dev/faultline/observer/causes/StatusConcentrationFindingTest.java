package dev.faultline.observer.causes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusConcentrationFindingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ORDERS = "GET /api/orders/{{ id }}";
    private static final String CATALOG = "GET /api/catalog";

    @Test
    void aFallbackStatusOnOneRouteNamesTheRouteWithItsCountsShareAndSendTimes() {
        List<LoadResponse> load = new ArrayList<>();
        for (int s = 0; s < 100; s++) {
            load.add(response(s, s >= 10 && s < 76 ? 405 : 200, ORDERS));
            load.add(response(s, 200, CATALOG));
        }
        load.add(response(50, 405, CATALOG));

        List<String> findings = StatusConcentrationFinding.find(List.of(), load, SuccessStatus.DEFAULT);

        assertThat(findings).singleElement().asString()
                .startsWith("failures concentrated on one route: route " + ORDERS + " answered 405 66 times"
                        + " (66 of 67 failed answers with status 405, 66.0 % of its 100 requests in the fault window),"
                        + " sent " + T0.plusSeconds(10) + " to " + T0.plusSeconds(75))
                .contains("the other routes got it 1 times (" + CATALOG + " ×1)")
                .contains("evidence: the load's results, by send time");
    }

    @Test
    void aStatusSpreadOverRoutesIsNotConcentrated() {
        List<LoadResponse> load = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            load.add(response(s, 503, ORDERS));
            load.add(response(s, 503, CATALOG));
        }
        assertThat(StatusConcentrationFinding.find(List.of(), load, SuccessStatus.DEFAULT)).isEmpty();
    }

    @Test
    void aStatusTheExperimentCountsAsSuccessIsNeverACause() {
        List<LoadResponse> load = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            load.add(response(s, 404, ORDERS));
            load.add(response(s, 200, CATALOG));
        }
        assertThat(StatusConcentrationFinding.find(List.of(), load, new SuccessStatus(List.of("2xx", 404))))
                .isEmpty();
        assertThat(StatusConcentrationFinding.find(List.of(), load, SuccessStatus.DEFAULT)).hasSize(1);
    }

    @Test
    void fewFailuresOrASingleRouteGiveNoFinding() {
        List<LoadResponse> few = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            few.add(response(s, s < StatusConcentrationFinding.MIN_ANSWERS - 1 ? 500 : 200, ORDERS));
            few.add(response(s, 200, CATALOG));
        }
        assertThat(StatusConcentrationFinding.find(List.of(), few, SuccessStatus.DEFAULT)).isEmpty();

        List<LoadResponse> oneRoute = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            oneRoute.add(response(s, 500, ORDERS));
        }
        assertThat(StatusConcentrationFinding.find(List.of(), oneRoute, SuccessStatus.DEFAULT)).isEmpty();
    }

    @Test
    void probesAreComparedWithProbesAndTimeoutsHaveNoStatus() {
        List<ProbeSample> samples = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            samples.add(ProbeSample.answered("summary", T0.plusSeconds(s), 500, SuccessStatus.DEFAULT, 3));
            samples.add(ProbeSample.unanswered("orders", T0.plusSeconds(s), "timed out after 2 s", 2000));
            samples.add(ProbeSample.passed("health", T0.plusSeconds(s), 1));
        }

        List<String> findings = StatusConcentrationFinding.find(samples, List.of(), null);

        assertThat(findings).singleElement().asString()
                .startsWith("failures concentrated on one probe: probe summary answered 500 30 times (all 30 failed"
                        + " answers with status 500, 100.0 % of its 30 probes in the fault window)")
                .contains("no other probe got it")
                .contains("evidence: the probe samples, by send time");
    }

    @Test
    void withoutALoadTestItsResponsesAreNotRead() {
        List<LoadResponse> load = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            load.add(response(s, 500, ORDERS));
            load.add(response(s, 200, CATALOG));
        }
        assertThat(StatusConcentrationFinding.find(List.of(), load, null)).isEmpty();
    }

    private static LoadResponse response(int second, int status, String route) {
        return new LoadResponse(T0.plusSeconds(second), status, 4, null, route, null);
    }
}
