package dev.faultline.observer.progress;

import dev.faultline.common.experiment.Probe;
import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every sample of every probe over a whole run (steady state, fault window and after), run-length encoded into
 * {@link ProbeSegment}s: what the report's timeline draws, one lane per probe, in a verdict that stays small.
 */
public final class ProbeLanes {

    private ProbeLanes() {
    }

    /**
     * One lane per probe, in the experiment's order; a probe without any sample has a lane without segments.
     *
     * @param firstInjection the first fault's injection (the planned one when none came): the end of the steady
     *                       state that {@code degraded:} compares answers with
     * @param windowEnd      when observation stopped: samples sent later (the last answers of a stopping probe)
     *                       are left out, as the verdict leaves them out
     */
    public static List<ProbeLane> of(List<Probe> probes, List<ProbeSample> samples, Instant firstInjection,
            Instant windowEnd) {
        List<ProbeLane> lanes = new ArrayList<>();
        for (Probe probe : probes) {
            List<ProbeSample> own = samples.stream()
                    .filter(s -> s.probe().equals(probe.name()) && !s.sentAt().isAfter(windowEnd))
                    .sorted(Comparator.comparing(ProbeSample::sentAt))
                    .toList();
            lanes.add(new ProbeLane(probe.name(), probe.interval().toMillis(),
                    segments(own, SampleStates.of(probe, own, firstInjection))));
        }
        return lanes;
    }

    /** Consecutive samples (oldest first) in the same state become one segment. */
    static List<ProbeSegment> segments(List<ProbeSample> sorted, SampleStates states) {
        List<ProbeSegment> segments = new ArrayList<>();
        String state = null;
        Instant from = null;
        Instant to = null;
        int count = 0;
        for (ProbeSample sample : sorted) {
            String current = states.stateOf(sample);
            if (!current.equals(state)) {
                if (state != null) {
                    segments.add(new ProbeSegment(state, from, to, count));
                }
                state = current;
                from = sample.sentAt();
                count = 0;
            }
            to = sample.sentAt();
            count++;
        }
        if (state != null) {
            segments.add(new ProbeSegment(state, from, to, count));
        }
        return segments;
    }
}
