package dev.faultline.observer.degraded;

import dev.faultline.common.experiment.DegradedCheck;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.verdict.BodyShrink;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sorts one probe's successful answers of a fault window into full service and degraded (see docs/verdict.md): a
 * degraded answer is a success whose JSON body shrank against the {@link ShapeBaseline} or that was slower than
 * {@code degraded.latencyAbove}. Failed probes stay failed and are not looked at: one answer is failed, degraded or
 * full service, never two of them.
 */
public final class DegradedAnswersCalculator {

    private DegradedAnswersCalculator() {
    }

    /** Why one answer was degraded; {@link #degraded()} is false for a full answer. */
    public record Degradation(List<BodyShrink> shrinks, boolean slow) {

        public static final Degradation NONE = new Degradation(List.of(), false);

        public boolean degraded() {
            return !shrinks.isEmpty() || slow;
        }
    }

    /** How one sample of a probe with {@code check} compares with the steady state. */
    public static Degradation classify(ProbeSample sample, DegradedCheck check, ShapeBaseline baseline) {
        if (sample.failed()) {
            return Degradation.NONE;
        }
        List<BodyShrink> shrinks = check.shape() && baseline.comparable() && sample.bodyShape() != null
                ? sample.bodyShape().shrinksFrom(baseline.shape())
                : List.of();
        boolean slow = check.latencyAbove() != null && sample.latencyMillis() > check.latencyAbove().toMillis();
        return shrinks.isEmpty() && !slow ? Degradation.NONE : new Degradation(shrinks, slow);
    }

    /**
     * The degraded answers among the probe's samples in the fault window that opened at {@code injectedAt} (the
     * same samples as its {@link TimelineCalculator timeline}).
     */
    public static DegradedAnswers calculate(HttpProbe probe, ShapeBaseline baseline, List<ProbeSample> samples,
            Instant injectedAt, Instant windowEnd) {
        DegradedCheck check = probe.degraded();
        List<ProbeSample> window = samples.stream()
                .filter(s -> TimelineCalculator.inWindow(s, injectedAt, windowEnd))
                .sorted(Comparator.comparing(ProbeSample::sentAt))
                .toList();
        int failed = 0;
        int degraded = 0;
        int shrunk = 0;
        int slow = 0;
        Instant first = null;
        Instant last = null;
        Long slowest = null;
        Map<Integer, Long> statuses = new TreeMap<>();
        // Each answer's shrinks count one answer apiece, so equal ones are the same loss in another answer.
        Map<BodyShrink, Long> shrinkCounts = new LinkedHashMap<>();
        for (ProbeSample sample : window) {
            if (sample.failed()) {
                failed++;
                continue;
            }
            Degradation degradation = classify(sample, check, baseline);
            if (!degradation.degraded()) {
                continue;
            }
            degraded++;
            Instant at = sample.sentAt().isBefore(injectedAt) ? injectedAt : sample.sentAt();
            first = first == null ? at : first;
            last = at;
            if (sample.status() != null) {
                statuses.merge(sample.status(), 1L, Long::sum);
            }
            if (!degradation.shrinks().isEmpty()) {
                shrunk++;
                degradation.shrinks().forEach(shrink -> shrinkCounts.merge(shrink, 1L, Long::sum));
            }
            if (degradation.slow()) {
                slow++;
                slowest = slowest == null ? sample.latencyMillis() : Math.max(slowest, sample.latencyMillis());
            }
        }
        List<BodyShrink> shrinks = new ArrayList<>();
        shrinkCounts.forEach((shrink, answers) -> shrinks.add(new BodyShrink(shrink.path(), shrink.change(), answers)));
        shrinks.sort(Comparator.comparingLong(BodyShrink::answers).reversed().thenComparing(BodyShrink::path));
        int total = window.size();
        double fullService = total == 0 ? 0 : 100.0 * (total - failed - degraded) / total;
        return new DegradedAnswers(degraded, shrunk, slow, first, last, fullService, statuses, shrinks, slowest,
                baseline.comparable() ? baseline.answers() : 0, method(probe, baseline));
    }

    private static String method(HttpProbe probe, ShapeBaseline baseline) {
        DegradedCheck check = probe.degraded();
        List<String> parts = new ArrayList<>();
        if (check.shape()) {
            parts.add(baseline.comparable()
                    ? "JSON body shape compared with what all " + baseline.answers() + " successful answers before"
                            + " the injection had (their field paths, and which arrays had elements)"
                    : "JSON body shape not compared: no successful answer with a JSON body (with fields or elements)"
                            + " before the injection to learn it from");
        }
        if (check.latencyAbove() != null) {
            parts.add("latency above " + DurationText.format(check.latencyAbove()));
        }
        return "successful answers of probe " + probe.name() + " (GET " + probe.url() + ") in the fault window: "
                + String.join("; ", parts) + "; full service = neither failed nor degraded; resolution one probe"
                + " (every " + DurationText.format(probe.interval()) + ")";
    }
}
