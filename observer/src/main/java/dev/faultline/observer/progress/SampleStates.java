package dev.faultline.observer.progress;

import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.observer.degraded.DegradedAnswersCalculator;
import dev.faultline.observer.degraded.ShapeBaseline;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.List;

/**
 * What one sample of a probe was for a lane or a progress line: {@code failed}, {@code degraded} (a success that the
 * probe's {@code degraded:} check flags, decided by {@link DegradedAnswersCalculator#classify} against the steady
 * state's {@link ShapeBaseline}, as the verdict decides it) or {@code ok}.
 */
final class SampleStates {

    private final HttpProbe degradedProbe;
    private final ShapeBaseline baseline;

    private SampleStates(HttpProbe degradedProbe, ShapeBaseline baseline) {
        this.degradedProbe = degradedProbe;
        this.baseline = baseline;
    }

    /**
     * For {@code probe}, whose samples are {@code samples}: the baseline is learned, as the verdict learns it, from
     * the answers before {@code firstInjection} (the first fault's injection, or the planned one when none came).
     */
    static SampleStates of(Probe probe, List<ProbeSample> samples, Instant firstInjection) {
        if (probe instanceof HttpProbe http && http.degraded() != null) {
            return new SampleStates(http, ShapeBaseline.learn(samples, firstInjection));
        }
        return new SampleStates(null, ShapeBaseline.NONE);
    }

    String stateOf(ProbeSample sample) {
        if (sample.failed()) {
            return ProbeSegment.FAILED;
        }
        if (degradedProbe != null
                && DegradedAnswersCalculator.classify(sample, degradedProbe.degraded(), baseline).degraded()) {
            return ProbeSegment.DEGRADED;
        }
        return ProbeSegment.OK;
    }
}
