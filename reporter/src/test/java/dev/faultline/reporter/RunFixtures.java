package dev.faultline.reporter;

import dev.faultline.common.Message;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.CheckResult;
import dev.faultline.common.verdict.LoadSecond;
import dev.faultline.common.verdict.LoadSummary;
import dev.faultline.common.verdict.ProbeLane;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.reporter.report.RunReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One hand-built run: a container kill on {@code web@agent-1} at T+2 s, first failed probe at T+2.250 s, recovery at
 * T+3.234 s, 5 of 40 probes failed (87.5 % availability), probes every 250 ms.
 */
public final class RunFixtures {

    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    public static final TargetRef WEB = new TargetRef("agent-1", "c0ffee", "web");
    public static final String FAULT_ID = "f-1";

    private RunFixtures() {
    }

    public static Experiment experiment() {
        HttpProbe probe = new HttpProbe("web-health", "http://127.0.0.1:8080/health", 200, Duration.ofMillis(250),
                Duration.ofSeconds(1));
        FaultStep step = new FaultStep(new TargetSelection(new Selector("web", null), 1, null, SelectionMode.FIXED),
                ContainerKill.sigkill());
        return new Experiment("kill-web", "kill the web container", Duration.ofSeconds(10),
                new SteadyState(Duration.ofSeconds(2), List.of(probe)), List.of(step),
                new Slos(Duration.ofSeconds(30), 99.0));
    }

    public static RunStarted runStarted(String runId) {
        return new RunStarted(Message.SCHEMA_VERSION, runId + "-started", runId, T0, experiment(),
                List.of(new PlannedFault(FAULT_ID, WEB, ContainerKill.sigkill())), T0.plusSeconds(2),
                T0.plusSeconds(12));
    }

    public static FaultInjected faultInjected(String runId) {
        return new FaultInjected(Message.SCHEMA_VERSION, runId + "-injected", runId, T0.plusMillis(2_010), "agent-1",
                FAULT_ID, "container-kill", WEB, T0.plusSeconds(2), 10);
    }

    public static RunFinished runFinished(String runId) {
        return new RunFinished(Message.SCHEMA_VERSION, runId + "-finished", runId, T0.plusMillis(12_005),
                T0.plusSeconds(12), 1, 0);
    }

    public static List<ChaosEvent> events(String runId) {
        return List.of(runStarted(runId), faultInjected(runId), runFinished(runId));
    }

    public static RecoveryTimeline timeline() {
        Instant injected = T0.plusSeconds(2);
        return new RecoveryTimeline(FAULT_ID, WEB, "web-health", injected, injected.plusMillis(250),
                injected.plusMillis(1_000), injected.plusMillis(1_234), 250L, 1_234L, 87.5, 40, 5, 250);
    }

    /** FAIL: recovery within its objective, availability below it. */
    public static RunVerdict failedVerdict(String runId) {
        return new RunVerdict(Message.SCHEMA_VERSION, runId + "-verdict", runId, T0.plusMillis(12_300), "kill-web",
                Verdict.FAIL, List.of(timeline()),
                List.of(new SloResult("max-recovery-time", "ms", 30_000, 1_234.0, SloStatus.PASS,
                                "injection to sustained recovery, from probes every 250 ms"),
                        new SloResult("min-availability", "percent", 99.0, 87.5, SloStatus.FAIL,
                                "successful probes over all probes from injection to the end of the window")),
                List.of("availability 87.500 % is below the objective of 99.000 %"), 250);
    }

    public static FaultReverted faultReverted(String runId) {
        return new FaultReverted(Message.SCHEMA_VERSION, runId + "-reverted", runId, T0.plusMillis(8_010), "agent-1",
                FAULT_ID, "container-kill", WEB, T0.plusSeconds(8), "duration-ended");
    }

    /** The probe's samples as the observer encodes them: ok until the kill, failed for 1 s, ok again. */
    public static ProbeLane webLane() {
        return new ProbeLane("web-health", 250, List.of(
                new ProbeSegment(ProbeSegment.OK, T0, T0.plusMillis(2_000), 9),
                new ProbeSegment(ProbeSegment.FAILED, T0.plusMillis(2_250), T0.plusMillis(3_000), 4),
                new ProbeSegment(ProbeSegment.DEGRADED, T0.plusMillis(3_250), T0.plusMillis(3_250), 1),
                new ProbeSegment(ProbeSegment.OK, T0.plusMillis(3_500), T0.plusMillis(11_750), 34)));
    }

    /**
     * Everything the timeline chart draws: the failed run's verdict with the probe's lane, the platform's instants,
     * a load-balancer mark, a breaker that opened and closed, one objective without data, a failed check and load.
     */
    public static RunReport richReport(String runId) {
        RecoveryTimeline timeline = timeline()
                .withPatterns(T0.plusMillis(2_500), null, null, null, 500L)
                .withPlatform(T0.plusMillis(2_003), T0.plusMillis(2_900), T0.plusMillis(3_100));
        BreakerTimeline breaker = new BreakerTimeline("inventory", "resilience4j", "http://127.0.0.1:9000/metrics",
                "resilience4j_circuitbreaker_state{name=\"inventory\"}", false, 48, 48, List.of(
                        new BreakerTransition("closed", T0, null),
                        new BreakerTransition("open", T0.plusMillis(2_500), T0.plusMillis(2_250)),
                        new BreakerTransition("half-open", T0.plusMillis(6_000), T0.plusMillis(5_750)),
                        new BreakerTransition("closed", T0.plusMillis(6_250), T0.plusMillis(6_000))), 250);
        List<LoadSecond> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean failing = i == 2;
            seconds.add(new LoadSecond(T0.plusSeconds(i), 20, failing ? 5 : 0, 3L, failing ? 900L : 12L));
        }
        LoadSummary load = new LoadSummary(200, 5, 2.5, 3L, 20L, 900L, 1, seconds, "artillery, 20 requests/s");
        RunVerdict base = failedVerdict(runId);
        RunVerdict verdict = new RunVerdict(base.schemaVersion(), base.messageId(), runId, base.timestamp(),
                base.experimentName(), Verdict.FAIL, List.of(timeline),
                List.of(base.slos().get(0), base.slos().get(1),
                        new SloResult("max-error-rate", "percent", 1.0, null, SloStatus.NO_DATA, "no load answered")),
                base.findings(), 250, 1_234L, load,
                List.of(new CheckResult("circuit-breaker", SloStatus.FAIL, "inventory opened but never half-opened",
                        "metrics polled every 250 ms")),
                null, List.of(breaker)).withProbeLanes(List.of(webLane()));
        return RunReport.of(verdict, List.of(runStarted(runId), faultInjected(runId), faultReverted(runId),
                runFinished(runId)), java.util.Optional.empty());
    }
}
