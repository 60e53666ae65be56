package dev.faultline.observer.degraded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.BodyShrink;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.observer.probe.BodyShape;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DegradedAnswersCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant INJECTED = T0.plusSeconds(2);
    private static final Instant END = T0.plusSeconds(10);
    private static final BodyShape FULL = BodyShape.of("{\"user\": \"ada\", \"recommendations\": [{\"id\": 1}]}");
    private static final BodyShape EMPTIED = BodyShape.of("{\"user\": \"ada\", \"recommendations\": []}");
    private static final DegradedCheck SHAPE_AND_LATENCY = new DegradedCheck(true, Duration.ofMillis(300));

    private static HttpProbe probe(DegradedCheck check) {
        return new HttpProbe("summary", "http://127.0.0.1:1/api/summary", null, Duration.ofMillis(500),
                Duration.ofSeconds(1), null, null, null, check);
    }

    private static ProbeSample answer(int atMillis, BodyShape shape, long latency) {
        return ProbeSample.answeredWithBody("summary", T0.plusMillis(atMillis), 200, latency, shape);
    }

    private static ProbeSample failed(int atMillis) {
        return ProbeSample.answered("summary", T0.plusMillis(atMillis), 503, 200, 5);
    }

    @Test
    void theBaselineIsWhatEverySuccessfulSteadyStateAnswerHad() {
        BodyShape withOptional = BodyShape.of("{\"user\": \"ada\", \"recommendations\": [{\"id\": 1}], \"promo\": 1}");
        ShapeBaseline baseline = ShapeBaseline.learn(List.of(answer(0, withOptional, 5), answer(500, FULL, 5),
                failed(1000), answer(1900, withOptional, 5),
                // answered after the injection: the fault's, not the steady state's
                answer(1990, EMPTIED, 20)), INJECTED);
        assertThat(baseline.answers()).isEqualTo(3);
        assertThat(baseline.shape()).isEqualTo(FULL);
        // An answer without the optional field is full service; one with an emptied list is not.
        assertThat(DegradedAnswersCalculator.classify(answer(3000, FULL, 5), DegradedCheck.SHAPE, baseline)
                .degraded()).isFalse();
        assertThat(DegradedAnswersCalculator.classify(answer(3000, EMPTIED, 5), DegradedCheck.SHAPE, baseline)
                .shrinks()).containsExactly(new BodyShrink("recommendations", BodyShrink.EMPTIED, 1));
        assertThat(ShapeBaseline.learn(List.of(failed(0)), INJECTED).comparable()).isFalse();
    }

    @Test
    void aSuccessIsDegradedWhenItsBodyShrankOrItWasTooSlowAFailureStaysFailed() {
        ShapeBaseline baseline = new ShapeBaseline(FULL, 4);
        assertThat(DegradedAnswersCalculator.classify(answer(0, FULL, 301), SHAPE_AND_LATENCY, baseline).slow())
                .isTrue();
        assertThat(DegradedAnswersCalculator.classify(answer(0, FULL, 300), SHAPE_AND_LATENCY, baseline)
                .degraded()).as("at the bound is not above it").isFalse();
        assertThat(DegradedAnswersCalculator.classify(answer(0, FULL, 900), DegradedCheck.SHAPE, baseline)
                .degraded()).as("no latency bound set").isFalse();
        assertThat(DegradedAnswersCalculator.classify(answer(0, EMPTIED, 5), new DegradedCheck(false,
                Duration.ofSeconds(1)), baseline).degraded()).as("shape not asked for").isFalse();
        assertThat(DegradedAnswersCalculator.classify(failed(0), SHAPE_AND_LATENCY, baseline).degraded()).isFalse();
        assertThat(DegradedAnswersCalculator.classify(answer(0, EMPTIED, 5), DegradedCheck.SHAPE,
                ShapeBaseline.NONE).degraded()).as("nothing learned, nothing compared").isFalse();
    }

    @Test
    void countsTheWindowsDegradedAnswersTheirInstantsAndTheFullServiceAvailability() {
        List<ProbeSample> samples = new ArrayList<>();
        for (int at = 0; at < 2000; at += 500) {
            samples.add(answer(at, FULL, 5));
        }
        samples.add(failed(2000));                  // window: 16 probes from 2000 to 9500 ms
        samples.add(failed(2500));
        samples.add(answer(3000, EMPTIED, 5));      // shrunk
        samples.add(answer(3500, EMPTIED, 400));    // shrunk and slow: one degraded answer
        samples.add(answer(4000, FULL, 350));       // slow
        samples.add(answer(4500, EMPTIED, 5));      // shrunk
        for (int at = 5000; at < 10_000; at += 500) {
            samples.add(answer(at, FULL, 5));
        }

        DegradedAnswers answers = DegradedAnswersCalculator.calculate(probe(SHAPE_AND_LATENCY),
                ShapeBaseline.learn(samples, INJECTED), samples, INJECTED, END);

        assertThat(answers.probesDegraded()).isEqualTo(4);
        assertThat(answers.shrunk()).isEqualTo(3);
        assertThat(answers.slow()).isEqualTo(2);
        assertThat(answers.firstDegradedAt()).isEqualTo(T0.plusMillis(3000));
        assertThat(answers.lastDegradedAt()).isEqualTo(T0.plusMillis(4500));
        assertThat(answers.fullServiceAvailabilityPercent()).isEqualTo(100.0 * (16 - 2 - 4) / 16);
        assertThat(answers.statuses()).containsEntry(200, 4L).hasSize(1);
        assertThat(answers.shrinks()).containsExactly(new BodyShrink("recommendations", BodyShrink.EMPTIED, 3));
        assertThat(answers.slowestMillis()).isEqualTo(400L);
        assertThat(answers.baselineAnswers()).isEqualTo(4);
        assertThat(answers.method()).contains("all 4 successful answers before the injection")
                .contains("latency above 300ms").contains("every 500ms");
    }

    @Test
    void withoutASteadyStateJsonBodyTheShapeIsNotComparedAndTheMethodSaysSo() {
        List<ProbeSample> samples = List.of(answer(0, BodyShape.NOT_JSON, 5), answer(3000, EMPTIED, 5));
        DegradedAnswers answers = DegradedAnswersCalculator.calculate(probe(DegradedCheck.SHAPE),
                ShapeBaseline.learn(samples, INJECTED), samples, INJECTED, END);
        assertThat(answers.any()).isFalse();
        assertThat(answers.fullServiceAvailabilityPercent()).isEqualTo(100.0);
        assertThat(answers.baselineAnswers()).isZero();
        assertThat(answers.method()).contains("JSON body shape not compared");
    }
}
