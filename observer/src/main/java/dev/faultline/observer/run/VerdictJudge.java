package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.SuccessStatus;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.ServiceRecovery;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.observer.breaker.BreakerTimelines;
import dev.faultline.observer.breaker.BreakerWaitFinding;
import dev.faultline.observer.breaker.SharedBreakerFinding;
import dev.faultline.observer.causes.RoutingFinding;
import dev.faultline.observer.causes.StatusConcentrationFinding;
import dev.faultline.observer.degraded.DegradedAnswersCalculator;
import dev.faultline.observer.degraded.DegradedFinding;
import dev.faultline.observer.degraded.ShapeBaseline;
import dev.faultline.observer.integrity.IntegrityCheck;
import dev.faultline.observer.load.LoadStatistics;
import dev.faultline.observer.patterns.PatternTimes;
import dev.faultline.observer.patterns.ResilienceJudge;
import dev.faultline.observer.platform.PlatformRecoveryFinding;
import dev.faultline.observer.platform.PlatformTimes;
import dev.faultline.observer.service.ServiceRecoveryCalculator;
import dev.faultline.observer.service.ServiceRecoveryFinding;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.progress.ProbeLanes;
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
 * state met before the first injection, every SLO passed, every resilience and integrity check passed, the load test
 * (when there is one) started, and a run that was not aborted. Every reason for a FAIL becomes a finding in plain words.
 */
public final class VerdictJudge {

    private VerdictJudge() {
    }

    public static RunVerdict judge(ObservedRun run, Instant now) {
        Experiment experiment = run.experiment();
        List<Probe> probes = experiment.steadyState().probes();
        List<FaultInjected> injections = run.injections().stream()
                .sorted(Comparator.comparing(FaultInjected::injectedAt))
                .toList();
        List<String> findings = new ArrayList<>();

        if (run.aborted()) {
            findings.add("run aborted: " + run.abortReason());
        }
        if (run.loadError() != null) {
            findings.add("load test could not start: " + run.loadError());
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
            for (Probe probe : probes) {
                RecoveryTimeline timeline = TimelineCalculator.calculate(injection.faultId(), injection.target(),
                        probe.name(), injection.injectedAt(), samplesOf(probe, run.samples()),
                        samplesOf(probe, run.fastSamples()), run.windowEnd(), probe.interval().toMillis());
                timeline = withDegradedAnswers(timeline, probe, run, firstInjection);
                timeline = PatternTimes.addTo(timeline, run.polls(), experiment.loadBalancer(),
                        run.pollIntervalMillis());
                timelines.add(PlatformTimes.addTo(timeline, run.platformStates()));
            }
        }

        LoadSummary load = experiment.load() == null ? null
                : LoadStatistics.summarize(run.load(), firstInjection, run.windowEnd(), experiment.load().successStatus());
        List<ProbeSample> windowSamples = run.samples().stream()
                .filter(s -> TimelineCalculator.inWindow(s, firstInjection, run.windowEnd()))
                .toList();
        SloEvaluation slos = SloEvaluator.evaluate(experiment.slos(), timelines, run.windowEnd(), probes, load,
                windowSamples);
        findings.addAll(slos.findings());

        List<CheckResult> checks = new ArrayList<>(ResilienceJudge.judge(experiment.resilience(), experiment.slos(),
                run.polls(), run.pollIntervalMillis(), injections.isEmpty() ? null : firstInjection, run.windowEnd(),
                timelines));
        IntegrityReport integrity = run.integrity();
        if (experiment.integrity() != null) {
            checks.add(IntegrityCheck.result(integrity, run.integrityError(),
                    experiment.integrity().hasTopic()));
        }
        checks.stream().filter(c -> !c.passed())
                .forEach(c -> findings.add(c.name() + (c.status() == SloStatus.NO_DATA ? " not measured: " : " failed: ")
                        + c.detail()));
        List<BreakerTimeline> breakers = BreakerTimelines.of(run.polls(), run.pollIntervalMillis());
        // Causes beside the symptoms above; they explain failures, they do not decide the verdict.
        SuccessStatus loadSuccess = experiment.load() == null ? null : experiment.load().successStatus();
        findings.addAll(SharedBreakerFinding.find(breakers, run.samples(), run.load(), loadSuccess, timelines,
                run.windowEnd()));
        findings.addAll(BreakerWaitFinding.find(breakers, timelines, run.windowEnd()));
        findings.addAll(StatusConcentrationFinding.find(windowSamples,
                run.load().stream().filter(r -> r.inWindow(firstInjection, run.windowEnd())).toList(), loadSuccess));
        findings.addAll(RoutingFinding.find(experiment.loadBalancer(), timelines, load, run.polls(),
                run.pollIntervalMillis(), run.windowEnd()));
        findings.addAll(PlatformRecoveryFinding.find(timelines));
        List<ServiceRecovery> services = run.services().stream()
                .map(samples -> ServiceRecoveryCalculator.calculate(samples, injections, run.platformStates()))
                .toList();
        findings.addAll(run.serviceErrors());
        findings.addAll(ServiceRecoveryFinding.find(services, run.services()));
        // Degraded answers are successes: these are notes; only the full-service objective, when set, can fail the run.
        findings.addAll(DegradedFinding.find(probes, timelines));

        boolean passed = !run.aborted()
                && run.loadError() == null
                && !injections.isEmpty()
                && run.failures().isEmpty()
                && steadyState.met()
                && slos.allPassed()
                && checks.stream().allMatch(CheckResult::passed);
        long probeIntervalMillis = probes.stream().mapToLong(p -> p.interval().toMillis()).min().orElseThrow();
        return RunVerdict.of(run.runId(), experiment.name(), passed ? Verdict.PASS : Verdict.FAIL, timelines,
                slos.results(), findings, probeIntervalMillis, mttr(timelines), load, checks, integrity, breakers,
                now).withProbeLanes(ProbeLanes.of(probes, run.samples(), firstInjection, run.windowEnd()))
                .withServices(services);
    }

    /** Mean time to recover over the timelines that failed and recovered; null when none did. */
    static Long mttr(List<RecoveryTimeline> timelines) {
        List<Long> recoveries = timelines.stream()
                .filter(t -> t.probesFailed() > 0 && t.recovered())
                .map(RecoveryTimeline::timeToRecoverMillis)
                .toList();
        return recoveries.isEmpty() ? null
                : Math.round(recoveries.stream().mapToLong(Long::longValue).average().orElseThrow());
    }

    /** For a probe with {@code degraded:}, its answers compared with the steady state's before the first injection. */
    private static RecoveryTimeline withDegradedAnswers(RecoveryTimeline timeline, Probe probe, ObservedRun run,
            Instant firstInjection) {
        if (!(probe instanceof HttpProbe http) || http.degraded() == null) {
            return timeline;
        }
        List<ProbeSample> samples = samplesOf(probe, run.samples());
        return timeline.withDegraded(DegradedAnswersCalculator.calculate(http,
                ShapeBaseline.learn(samples, firstInjection), samples, timeline.injectedAt(), run.windowEnd()));
    }

    private static List<ProbeSample> samplesOf(Probe probe, List<ProbeSample> samples) {
        return samples.stream().filter(s -> s.probe().equals(probe.name())).toList();
    }
}
