package dev.faultline.observer.progress;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Each probe of a run as it stands now, for the run's {@link dev.faultline.common.verdict.RunProgress}. */
public final class ProbeStatuses {

    private ProbeStatuses() {
    }

    /**
     * @param firstInjection  the earliest fault injection so far; null while none has been reported
     * @param plannedInjectAt when the first fault was due: the end of the steady state while no fault came
     * @param now             the end of the window observed so far
     */
    public static List<ProbeStatus> of(List<Probe> probes, List<ProbeSample> samples, FaultInjected firstInjection,
            Instant plannedInjectAt, Instant now) {
        Instant steadyStateEnd = firstInjection == null ? plannedInjectAt : firstInjection.injectedAt();
        List<ProbeStatus> statuses = new ArrayList<>();
        for (Probe probe : probes) {
            List<ProbeSample> own = samples.stream().filter(s -> s.probe().equals(probe.name()))
                    .sorted(Comparator.comparing(ProbeSample::sentAt)).toList();
            if (own.isEmpty()) {
                statuses.add(new ProbeStatus(probe.name(), ProbeStatus.NONE, null, 0, 0, null, null, null));
                continue;
            }
            ProbeSample last = own.get(own.size() - 1);
            int failed = (int) own.stream().filter(ProbeSample::failed).count();
            statuses.add(new ProbeStatus(probe.name(), SampleStates.of(probe, own, steadyStateEnd).stateOf(last),
                    last.sentAt(), own.size(), failed, availability(probe, own, firstInjection, now), last.status(),
                    last.failed() ? last.outcome() : null));
        }
        return statuses;
    }

    /**
     * The availability the objective will count for the first fault so far: the share of passing samples among
     * those answered since the injection, from the same {@link TimelineCalculator} the verdict uses. Null before the
     * injection and while no sample has been answered since (the calculator's 0 % would then mean nothing measured).
     */
    private static Double availability(Probe probe, List<ProbeSample> samples, FaultInjected first, Instant now) {
        if (first == null) {
            return null;
        }
        RecoveryTimeline sinceInjection = TimelineCalculator.calculate(first.faultId(), first.target(), probe.name(),
                first.injectedAt(), samples, now, probe.interval().toMillis());
        return sinceInjection.probesInWindow() == 0 ? null : sinceInjection.availabilityPercent();
    }
}
