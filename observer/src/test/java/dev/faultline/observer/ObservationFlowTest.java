package dev.faultline.observer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.common.verdict.VerdictMessage;
import dev.faultline.observer.run.MissedObservation;
import dev.faultline.observer.run.RunObserver;
import dev.faultline.observer.testing.PublishedVerdicts;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** From chaos events in to a verdict out, through the real probes against a local HTTP server. */
@QuarkusTest
class ObservationFlowTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "orders");

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RunObserver observer;

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private InMemorySource<String> events;
    private InMemorySink<String> verdicts;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        events = connector.source("events");
        verdicts = connector.sink("verdicts");
        verdicts.clear();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void recoveryIsMeasuredFromTheProbesAndJudgedAgainstEachRunsSlos() throws Exception {
        Instant now = Instant.now();
        // Two runs watch the same outage: one with objectives it meets, one with objectives it misses.
        RunStarted lenient = runStarted("run-lenient", new Slos(Duration.ofSeconds(3), 30.0), now);
        RunStarted strict = runStarted("run-strict", new Slos(Duration.ofMillis(500), 99.0), now);
        send(lenient);
        send(strict);
        Thread.sleep(700); // the steady state (600 ms) passes before the fault

        Instant injectedAt = Instant.now();
        status.set(503);
        send(FaultInjected.of("run-lenient", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt));
        send(FaultInjected.of("run-strict", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt));
        // The agent's report of Docker's own instants for the target (target-state-changed).
        send(TargetStateChanged.of("run-lenient", "f1", TARGET, TargetState.DOWN, "die", injectedAt.minusMillis(1),
                injectedAt));
        Thread.sleep(1_000); // the outage: its length is the downtime checked below
        Instant upAt = Instant.now();
        status.set(200);
        send(TargetStateChanged.of("run-lenient", "f1", TARGET, TargetState.UP, "start", upAt, upAt));
        Thread.sleep(800); // probes after the recovery, so the recovery is measured
        send(RunFinished.of("run-lenient", Instant.now(), 1, 0, Instant.now()));
        send(RunFinished.of("run-strict", Instant.now(), 1, 0, Instant.now()));

        long downtimeMillis = Duration.between(injectedAt, upAt).toMillis();
        RunVerdict passed = awaitVerdict("run-lenient");
        assertThat(passed.verdict()).as("findings %s", passed.findings()).isEqualTo(Verdict.PASS);
        assertThat(passed.findings()).isEmpty();
        assertThat(passed.probeIntervalMillis()).isEqualTo(INTERVAL.toMillis());
        assertThat(passed.experimentName()).isEqualTo("kill-orders");
        RecoveryTimeline timeline = passed.timelines().get(0);
        assertThat(passed.timelines()).hasSize(1);
        assertThat(timeline.faultId()).isEqualTo("f1");
        assertThat(timeline.target()).isEqualTo(TARGET);
        assertThat(timeline.injectedAt()).isEqualTo(injectedAt);
        assertThat(timeline.platformDownAt()).isEqualTo(injectedAt.minusMillis(1));
        assertThat(timeline.platformUpAt()).isEqualTo(upAt);
        // The outage lasted downtimeMillis (about 1000 ms); probes every 200 ms see its end within one interval.
        assertThat(downtimeMillis).isBetween(1_000L, 1_100L);
        assertThat(timeline.timeToRecoverMillis())
                .isBetween(downtimeMillis - INTERVAL.toMillis(), downtimeMillis + INTERVAL.toMillis());
        assertThat(timeline.timeToDetectMillis()).isBetween(0L, INTERVAL.toMillis());
        assertThat(timeline.probesFailed()).isBetween(4, 6);
        assertThat(timeline.probesInWindow()).isBetween(8, 11);
        assertThat(timeline.availabilityPercent()).isBetween(30.0, 70.0);
        assertThat(timeline.resolutionMillis()).isEqualTo(INTERVAL.toMillis());
        assertThat(passed.slos()).extracting(SloResult::status).containsOnly(SloStatus.PASS);
        assertThat(slo(passed, "max-recovery-time").measured()).isEqualTo((double) timeline.timeToRecoverMillis());
        assertThat(slo(passed, "max-recovery-time").method()).startsWith("probe health (HTTP GET ")
                .contains("every 200ms;");

        RunVerdict failed = awaitVerdict("run-strict");
        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        RecoveryTimeline strictTimeline = failed.timelines().get(0);
        assertThat(strictTimeline.timeToRecoverMillis())
                .isBetween(downtimeMillis - INTERVAL.toMillis(), downtimeMillis + INTERVAL.toMillis());
        assertThat(slo(failed, "max-recovery-time").status()).isEqualTo(SloStatus.FAIL);
        assertThat(slo(failed, "min-availability").status()).isEqualTo(SloStatus.FAIL);
        assertThat(failed.findings())
                .anySatisfy(f -> assertThat(f).startsWith("max-recovery-time failed").contains("500 ms"))
                .anySatisfy(f -> assertThat(f).startsWith("min-availability failed").contains("99%"));
        assertThat(observer.observing("run-lenient")).isFalse();
        assertThat(observer.observing("run-strict")).isFalse();
        // the strict run's breaches were certain while it went on: published at once, each objective once
        List<SloBreached> breaches = breachesFor("run-strict");
        assertThat(breaches).extracting(SloBreached::objective)
                .containsExactlyInAnyOrder("max-recovery-time", "min-availability");
        assertThat(breaches).allSatisfy(b -> assertThat(b.timestamp()).isBefore(failed.timestamp()));
        assertThat(breachesFor("run-lenient")).isEmpty();

        // The observer's own metrics on /q/metrics, no token: the probes by name (not by run), failures by kind.
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("faultline_probe_latency_seconds_bucket\\{probe=\"health\",le=\"0\\.1\"\\} [1-9]")
                .containsPattern("faultline_probe_failures_total\\{failure=\"status\",probe=\"health\"\\} [1-9]")
                .containsPattern("faultline_observer_runs_observed_total [1-9]")
                .containsPattern("faultline_observer_verdicts_total\\{verdict=\"pass\"\\} [1-9]")
                .containsPattern("faultline_observer_verdicts_total\\{verdict=\"fail\"\\} [1-9]")
                .containsPattern("faultline_observer_slo_breaches_total [1-9]")
                .containsPattern("faultline_observer_runs_active [0-9]")
                .doesNotContain("run-lenient");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void progressIsPublishedWhileTheRunGoesOnAndStopsWithIt() throws Exception {
        send(runStarted("run-progress", Slos.defaults(), Instant.now()));

        RunProgress warmUp = awaitProgress("run-progress", p -> p.probes().get(0).samples() > 0);
        assertThat(warmUp.probes()).singleElement().satisfies(probe -> {
            assertThat(probe.probe()).isEqualTo("health");
            assertThat(probe.state()).isEqualTo(ProbeSegment.OK);
            assertThat(probe.lastStatus()).isEqualTo(200);
            assertThat(probe.availabilityPercent()).as("no fault injected yet").isNull();
        });

        Thread.sleep(700); // the steady state (600 ms) passes before the fault
        Instant injectedAt = Instant.now();
        status.set(503);
        send(FaultInjected.of("run-progress", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt));
        RunProgress outage = awaitProgress("run-progress",
                p -> p.probes().get(0).availabilityPercent() != null && p.probes().get(0).failed() >= 2);
        assertThat(outage.probes().get(0).state()).isEqualTo(ProbeSegment.FAILED);
        assertThat(outage.probes().get(0).lastStatus()).isEqualTo(503);
        assertThat(outage.probes().get(0).lastError()).isEqualTo("status 503");
        assertThat(outage.probes().get(0).availabilityPercent()).isLessThan(100.0);
        assertThat(outage.timestamp()).isAfter(warmUp.timestamp());

        send(RunFinished.of("run-progress", Instant.now(), 1, 0, Instant.now()));
        RunVerdict verdict = awaitVerdict("run-progress");
        int published = progressFor("run-progress").size();
        // 300 ms between reports in tests: three intervals without one means they stopped with the run.
        staysSo(Duration.ofMillis(1_000), () -> progressFor("run-progress").size() == published);
        assertThat(progressFor("run-progress"))
                .allSatisfy(p -> assertThat(p.timestamp()).isBefore(verdict.timestamp()));
        assertThat(verdict.probeLanes()).singleElement().satisfies(lane -> assertThat(lane.segments())
                .extracting(ProbeSegment::state).containsExactly(ProbeSegment.OK, ProbeSegment.FAILED));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void abortedRunFailsOnceDespiteDuplicatesAndUnreadableRecords() throws Exception {
        Instant now = Instant.now();
        RunStarted started = runStarted("run-aborted", Slos.defaults(), now);
        events.send("this is not json");
        events.send("{\"type\":\"run-started\",\"runId\":\"run-aborted\"}");
        send(AgentHeartbeat.of("agent-1", "host-1", Duration.ofSeconds(5), List.of(), now));
        send(started);
        send(started);
        await().atMost(Duration.ofSeconds(5)).until(() -> observer.observing("run-aborted"));
        send(FaultFailed.of("run-aborted", "f1", "container-kill", TARGET, FailureReason.TARGET_NOT_FOUND,
                "container orders is gone", Instant.now()));
        RunAborted aborted = RunAborted.of("run-aborted", "halted by test", "tester", Instant.now());
        send(aborted);
        send(aborted);

        RunVerdict verdict = awaitVerdict("run-aborted");
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.timelines()).isEmpty();
        assertThat(verdict.slos()).extracting(SloResult::status).containsOnly(SloStatus.NO_DATA);
        assertThat(verdict.findings()).contains("run aborted: halted by test",
                "fault f1 on orders@agent-1 failed: target-not-found: container orders is gone");
        staysSo(Duration.ofMillis(500), () -> verdictsFor("run-aborted").size() == 1);
        assertThat(verdictsFor("run-aborted")).hasSize(1);
        int published = progressFor("run-aborted").size();
        staysSo(Duration.ofMillis(1_000), () -> progressFor("run-aborted").size() == published);
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aRunWhoseEndNeverArrivesStopsReportingProgressWhenItsWindowCloses() throws Exception {
        Instant now = Instant.now();
        Instant observeUntil = now.plusMillis(1_500);
        send(RunStarted.of("run-endless", experiment(Slos.defaults()), plan(), now.plusMillis(600), observeUntil,
                now));
        awaitProgress("run-endless", p -> true);

        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(observeUntil.plusMillis(300)));
        int published = progressFor("run-endless").size();
        staysSo(Duration.ofMillis(1_000), () -> progressFor("run-endless").size() == published);
        assertThat(progressFor("run-endless")).allSatisfy(p -> assertThat(p.timestamp()).isBefore(observeUntil));
    }

    @Test
    void replayedRunWhoseWindowClosedIsIgnored() throws Exception {
        // A replay (a new consumer group reading from the beginning): both events carry their original times.
        Instant past = Instant.now().minus(MissedObservation.FRESH_END).minusSeconds(60);
        send(RunStarted.of("run-replayed", experiment(Slos.defaults()), plan(), past.plusSeconds(2),
                past.plusSeconds(10), past));
        send(RunFinished.of("run-replayed", past.plusSeconds(10), 1, 0, past.plusSeconds(10)));
        staysSo(Duration.ofMillis(300),
                () -> !observer.observing("run-replayed") && verdictsFor("run-replayed").isEmpty());

        assertThat(observer.observing("run-replayed")).isFalse();
        assertThat(verdictsFor("run-replayed")).isEmpty();
    }

    @Test
    void aRunThatEndsWithoutThisObserverHavingSeenItStartGetsAVerdictThatSaysNothingWasMeasured() throws Exception {
        // The observer was restarted during the run: its consumer group had committed past RunStarted.
        send(RunAborted.of("run-missed", "SLO breached: availability", "orchestrator", Instant.now()));

        RunVerdict verdict = awaitVerdict("run-missed");
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.findings().get(0)).startsWith("no verdict: this observer did not observe run run-missed");
        assertThat(verdict.findings()).contains("run aborted: SLO breached: availability");
        assertThat(verdict.timelines()).isEmpty();

        // A second end of the same run (RunFinished, then a RunAborted) is not a second missed run.
        send(RunFinished.of("run-missed", Instant.now(), 0, 0, Instant.now()));
        staysSo(Duration.ofMillis(300), () -> verdictsFor("run-missed").size() == 1);
        assertThat(verdictsFor("run-missed")).hasSize(1);
    }

    @Test
    void aRunThatStartedAndEndedWhileTheObserverWasDownGetsAVerdictThatSaysSo() throws Exception {
        // Seen in bench/control-plane-trials.sh: the restarted observer got its partitions only after the run's
        // window had closed; it re-read the uncommitted RunStarted (too late to observe) and then the fresh RunFinished.
        Instant started = Instant.now().minusSeconds(25);
        send(RunStarted.of("run-while-down", experiment(Slos.defaults()), plan(), started.plusSeconds(2),
                started.plusSeconds(22), started));
        send(RunFinished.of("run-while-down", started.plusSeconds(22), 1, 0, started.plusSeconds(22)));

        RunVerdict verdict = awaitVerdict("run-while-down");
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.findings().get(0)).startsWith("no verdict: this observer did not observe run run-while-down");
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aRunJoinedLateIsObservedForTheRestButFailsWithTheGapNamed() throws Exception {
        // RunStarted read 8 s after it was sent (the observer restarted and re-read an uncommitted record).
        Instant sent = Instant.now().minusSeconds(8);
        send(RunStarted.of("run-late", experiment(Slos.defaults()), plan(), sent.plusSeconds(1),
                Instant.now().plusSeconds(3), sent));
        Thread.sleep(700); // probes before the fault, for the part of the run that is observed
        Instant injectedAt = Instant.now();
        send(FaultInjected.of("run-late", "f1", "container-kill", TARGET, injectedAt, 3, injectedAt));
        Thread.sleep(500); // probes during the fault
        send(RunFinished.of("run-late", Instant.now(), 1, 0, Instant.now()));

        RunVerdict verdict = awaitVerdict("run-late");
        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.findings().get(0)).startsWith("no verdict: the observer began observing at")
                .contains("after the run started at " + sent);
        assertThat(verdict.timelines()).as("what it did measure is kept").isNotEmpty();
    }

    private RunStarted runStarted(String runId, Slos slos, Instant now) {
        return RunStarted.of(runId, experiment(slos), plan(), now.plusMillis(600), now.plusSeconds(10), now);
    }

    private Experiment experiment(Slos slos) {
        HttpProbe probe = new HttpProbe("health", "http://127.0.0.1:" + server.getAddress().getPort() + "/health",
                200, INTERVAL, Duration.ofMillis(500));
        return new Experiment("kill-orders", "kill the orders service", Duration.ofSeconds(5),
                new SteadyState(Duration.ofMillis(600), List.of(probe)),
                List.of(new FaultStep(new TargetSelection(new Selector("orders", null), 1, null, null),
                        ContainerKill.sigkill())),
                slos);
    }

    private static List<PlannedFault> plan() {
        return List.of(new PlannedFault("f1", TARGET, ContainerKill.sigkill()));
    }

    private void send(Object event) {
        events.send(ChaosJson.write(event));
    }

    private RunVerdict awaitVerdict(String runId) {
        return await("a verdict for " + runId).atMost(Duration.ofSeconds(5))
                .until(() -> verdictsFor(runId), found -> !found.isEmpty()).get(0);
    }

    /** The condition holds now and for the whole duration: what must not happen did not happen. */
    private static void staysSo(Duration duration, Callable<Boolean> condition) {
        await().during(duration).atMost(duration.plusSeconds(1)).until(condition);
    }

    /** Verdicts published for a run; each must be keyed by its run id. */
    private List<RunVerdict> verdictsFor(String runId) {
        return verdicts.received().stream()
                .filter(message -> read(message.getPayload()) instanceof RunVerdict)
                .map(message -> {
                    RunVerdict verdict = (RunVerdict) read(message.getPayload());
                    Optional<OutgoingKafkaRecordMetadata> metadata =
                            message.getMetadata(OutgoingKafkaRecordMetadata.class);
                    assertThat(metadata).map(OutgoingKafkaRecordMetadata::getKey).contains(verdict.runId());
                    return verdict;
                })
                .filter(verdict -> verdict.runId().equals(runId))
                .toList();
    }

    /** Progress published for a run, oldest first; each must be keyed by its run id. */
    private List<RunProgress> progressFor(String runId) {
        return verdicts.received().stream()
                .filter(message -> read(message.getPayload()) instanceof RunProgress p && p.runId().equals(runId))
                .map(message -> {
                    assertThat(message.getMetadata(OutgoingKafkaRecordMetadata.class))
                            .map(OutgoingKafkaRecordMetadata::getKey).contains(runId);
                    return (RunProgress) read(message.getPayload());
                })
                .toList();
    }

    private RunProgress awaitProgress(String runId, java.util.function.Predicate<RunProgress> condition) {
        return await("progress of " + runId).atMost(Duration.ofSeconds(5))
                .until(() -> progressFor(runId).stream().filter(condition).findFirst(), Optional::isPresent).get();
    }

    /** SLO breaches published for a run while it went on. */
    private List<SloBreached> breachesFor(String runId) {
        return verdicts.received().stream()
                .map(message -> read(message.getPayload()))
                .filter(m -> m instanceof SloBreached && m.runId().equals(runId))
                .map(SloBreached.class::cast)
                .toList();
    }

    private static VerdictMessage read(String json) {
        return PublishedVerdicts.read(json);
    }

    private static SloResult slo(RunVerdict verdict, String objective) {
        return verdict.slos().stream().filter(s -> s.objective().equals(objective)).findFirst().orElseThrow();
    }
}
