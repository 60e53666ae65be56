package dev.faultline.observer.slo;

import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the system was healthy before it was hit: every probe answered before the first injection must have
 * passed, so that a system that was already broken is not blamed on the fault. A probe sent before the injection
 * but answered (or timed out) after it belongs to the fault window: its failure may be the fault's.
 *
 * @param checked how many probes were answered before the injection
 * @param failed  how many of them failed
 * @param firstFailure the earliest of those failures, if any
 */
public record SteadyStateCheck(int checked, int failed, Optional<ProbeSample> firstFailure) {

    public static SteadyStateCheck before(Instant firstInjection, List<ProbeSample> samples) {
        List<ProbeSample> before = samples.stream().filter(s -> s.answeredAt().isBefore(firstInjection)).toList();
        List<ProbeSample> failures = before.stream().filter(ProbeSample::failed).toList();
        return new SteadyStateCheck(before.size(), failures.size(),
                failures.stream().min(Comparator.comparing(ProbeSample::sentAt)));
    }

    /** Not met only when a probe failed; no probe at all leaves it unchecked, which is not a failure by itself. */
    public boolean met() {
        return failed == 0;
    }

    public Optional<String> finding() {
        if (checked == 0) {
            return Optional.of("steady state could not be checked: no probe was answered before the first injection");
        }
        return firstFailure.map(first -> "steady state not met before injection: " + failed + " of " + checked
                + " probes failed (first at " + first.sentAt() + ", probe " + first.probe() + ": "
                + first.outcome() + ")");
    }
}
