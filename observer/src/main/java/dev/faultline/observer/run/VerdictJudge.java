package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.slo.SloEvaluation;
import dev.faultline.observer.slo.SloEvaluator;
import dev.faultline.observer.slo.SteadyStateCheck;
import dev.faultline.observer.timeline.TimelineCalculator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decides a run from what was observed. PASS needs all of: at least one fault injected, none failed, the steady
 * state met before the first injection, every SLO passed, and a run that was not aborted. Every reason for a FAIL
 * becomes a finding in plain words.
 */
public final class VerdictJudge {

    private VerdictJudge() {
    }

    public static RunVerdict judge(ObservedRun run, Instant now) {
        List<HttpProbe> probes = run.experiment().steadyState().probes();
        List<FaultInjected> injections = run.injections().stream()
                .sorted(Comparator.comparing(FaultInjected::injectedAt))
                .toList();
        List<String> findings = new ArrayList<>();

        if (run.aborted()) {
            findings.add("run aborted: " + run.abortReason());
        }
        for (FaultFailed failure : run.failures()) {
            findings.add("fault " + failure.faultId() + " on " + failure.target() + " failed: "
                    + failure.reason().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": "
                    + failure.detail());
        }
        if (injections.isEmpty()) {
            findings.add("no fault was injected, so the run tested nothing");
        }

        Instant firstInjection = injections.isEmpty() ? run.plannedInjectAt() : injections.get(0).injectedAt();
        SteadyStateCheck steadyState = SteadyStateCheck.before(firstInjection, run.samples());
        steadyState.finding().ifPresent(findings::add);

        List<RecoveryTimeline> timelines = new ArrayList<>();
        for (FaultInjected injection : injections) {
            for (HttpProbe probe : probes) {
                timelines.add(TimelineCalculator.calculate(injection.faultId(), injection.target(), probe.name(),
                        injection.injectedAt(), samplesOf(probe, run.samples()), run.windowEnd(),
                        probe.interval().toMillis()));
            }
        }
        SloEvaluation slos = SloEvaluator.evaluate(run.experiment().slos(), timelines, run.windowEnd(), probes);
        findings.addAll(slos.findings());

        boolean passed = !run.aborted()
                && !injections.isEmpty()
                && run.failures().isEmpty()
                && steadyState.met()
                && slos.allPassed();
        long probeIntervalMillis = probes.stream().mapToLong(p -> p.interval().toMillis()).min().orElseThrow();
        return RunVerdict.of(run.runId(), run.experiment().name(), passed ? Verdict.PASS : Verdict.FAIL, timelines,
                slos.results(), findings, probeIntervalMillis, now);
    }

    private static List<ProbeSample> samplesOf(HttpProbe probe, List<ProbeSample> samples) {
        return samples.stream().filter(s -> s.probe().equals(probe.name())).toList();
    }
}
