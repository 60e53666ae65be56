package dev.faultline.common.verdict;

import dev.faultline.common.validation.Checks;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The degraded answers of one probe in one fault window: successful answers (they count as available) that were not
 * full service, because their JSON body shrank against the steady state or they were slower than the probe's bound.
 * Only for probes with {@code degraded:} set. See docs/verdict.md.
 *
 * @param probesDegraded  successful probes of the window that were degraded (each once, shrunken and slow or not)
 * @param shrunk          of them, answers whose body shrank
 * @param slow            of them, answers slower than {@code degraded.latencyAbove}
 * @param firstDegradedAt send time of the first degraded probe (not before the injection); null when none was
 * @param lastDegradedAt  send time of the last degraded probe; null when none was
 * @param fullServiceAvailabilityPercent probes neither failed nor degraded over all probes of the window
 * @param statuses        degraded answers per HTTP status, e.g. {@code {"200": 41}}
 * @param shrinks         what shrank and in how many answers, most frequent first
 * @param slowestMillis   the slowest degraded answer's latency; null when none was slow
 * @param baselineAnswers the successful steady-state answers the body shape was learned from; 0 when the shape was
 *                        not compared (not asked for, or no successful answer with a JSON body before the injection)
 * @param method          how it was judged, with the baseline and the resolution
 */
public record DegradedAnswers(
        int probesDegraded,
        int shrunk,
        int slow,
        Instant firstDegradedAt,
        Instant lastDegradedAt,
        double fullServiceAvailabilityPercent,
        Map<Integer, Long> statuses,
        List<BodyShrink> shrinks,
        Long slowestMillis,
        int baselineAnswers,
        String method) {

    public DegradedAnswers {
        statuses = statuses == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
        shrinks = shrinks == null ? List.of() : List.copyOf(shrinks);
        Checks.start()
                .require(shrunk >= 0 && slow >= 0 && shrunk <= probesDegraded && slow <= probesDegraded
                        && probesDegraded <= shrunk + slow, "probesDegraded",
                        "must count each shrunken or slow answer once")
                .require((probesDegraded == 0) == (firstDegradedAt == null) && (firstDegradedAt == null)
                        == (lastDegradedAt == null), "firstDegradedAt", "given exactly when an answer was degraded")
                .inRange(fullServiceAvailabilityPercent, 0, 100, "fullServiceAvailabilityPercent")
                .require(baselineAnswers >= 0, "baselineAnswers", "must not be negative")
                .throwIfAny();
    }

    public boolean any() {
        return probesDegraded > 0;
    }
}
