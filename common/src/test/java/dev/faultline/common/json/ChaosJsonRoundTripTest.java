package dev.faultline.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.Message;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunScheduled;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.event.TargetState;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.SelectionMode;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.fault.KillMethod;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.BodyShrink;
import dev.faultline.common.verdict.BreakerTimeline;
import dev.faultline.common.verdict.BreakerTransition;
import dev.faultline.common.verdict.DegradedAnswers;
import dev.faultline.common.verdict.FailureBreakdown;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.common.verdict.VerdictMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ChaosJsonRoundTripTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123Z");
    static final TargetRef TARGET = new TargetRef("agent-1", "c0ffee", "shop-product-1");

    static Experiment experiment() {
        return new Experiment("kill-product", "one replica dies", Duration.ofSeconds(30),
                new SteadyState(Duration.ofSeconds(2), List.of(new HttpProbe("health", "http://127.0.0.1:8080/health",
                        200, Duration.ofMillis(250), Duration.ofSeconds(1)))),
                List.of(new FaultStep(new TargetSelection(new Selector(null, Map.of("app", "product")), null, 50,
                        SelectionMode.RANDOM), ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 99.9));
    }

    static Stream<ChaosCommand> commands() {
        return Stream.of(
                InjectFault.of("run-1", "run-1-f0", TARGET, new ContainerKill("TERM", KillMethod.DOCKER_API),
                        Duration.ZERO, NOW),
                RevertFault.of("run-1", "run-1-f0", TARGET, NOW),
                RenewLease.of("run-1", NOW.plusSeconds(15), NOW),
                HaltAll.of("game day over", "alice", NOW));
    }

    static Stream<ChaosEvent> events() {
        return Stream.of(
                FaultInjected.of("run-1", "run-1-f0", "container-kill", TARGET, NOW, 12, NOW),
                FaultReverted.of("run-1", "run-1-f0", "container-kill", TARGET, NOW, "requested", NOW),
                FaultFailed.of("run-1", "run-1-f0", "container-kill", TARGET, FailureReason.TARGET_NOT_FOUND,
                        "no container c0ffee", NOW),
                RunStarted.of("run-1", experiment(), List.of(new PlannedFault("run-1-f0", TARGET,
                        ContainerKill.sigkill())), NOW.plusSeconds(2), NOW.plusSeconds(32), NOW),
                RunStarted.of("run-2", experiment(), List.of(new PlannedFault("run-2-f0", TARGET,
                        ContainerKill.sigkill())), NOW.plusSeconds(2), NOW.plusSeconds(32), NOW)
                        .fromSchedule("sch-1", List.of("abort", "halt")),
                RunFinished.of("run-1", NOW, 1, 0, NOW),
                RunAborted.of("run-1", "halted", "alice", NOW),
                RunScheduled.of("sch-1", "kill-product", "ab12", NOW.plusSeconds(300), NOW.plusSeconds(342), NOW),
                RunSkipped.of("sch-1", "kill-product", "ab12", NOW, "target-down",
                        "target already down: faults[0].target.selector matches no running container", NOW),
                RunSkipped.of("sch-1", "kill-product", "ab12", NOW, "halted", "halted by alice: drill",
                        List.of("skipped"), NOW),
                TargetStateChanged.of("run-1", "run-1-f0", TARGET, TargetState.UP, "start",
                        NOW.plusNanos(123_456_789), NOW),
                AgentHeartbeat.of("agent-1", "host-a", Duration.ofSeconds(2), List.of(new ContainerInfo("c0ffee",
                        "shop-product-1", "shop/product:local", "running", Map.of("faultline.enabled", "true"))),
                        NOW),
                AgentHeartbeat.of("agent-1", "host-a", Duration.ofSeconds(2), List.of(new ContainerInfo("beef01",
                        "shop-cart-1", "shop/cart:local", "running", Map.of("com.docker.compose.project", "shop"),
                        "Compose project shop (the agent's allow-list)")), NOW));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void commandsSurviveARoundTrip(ChaosCommand command) throws Exception {
        String json = ChaosJson.write(command);
        assertThat(ChaosJson.read(json, ChaosCommand.class)).isEqualTo(command);
    }

    @ParameterizedTest
    @MethodSource("events")
    void eventsSurviveARoundTrip(ChaosEvent event) throws Exception {
        String json = ChaosJson.write(event);
        assertThat(ChaosJson.read(json, ChaosEvent.class)).isEqualTo(event);
    }

    @Test
    void verdictSurvivesARoundTrip() throws Exception {
        RecoveryTimeline timeline = new RecoveryTimeline("run-1-f0", TARGET, "health", NOW, NOW.plusMillis(250),
                NOW.plusMillis(1000), NOW.plusMillis(1250), 250L, 1250L, 95.5, 120, 5, 250);
        RunVerdict verdict = RunVerdict.of("run-1", "kill-product", Verdict.PASS, List.of(timeline),
                List.of(new SloResult("max-recovery-time", "ms", 30000, 1250.0, SloStatus.PASS, "probe health")),
                List.of(), 250, NOW);
        assertThat(ChaosJson.read(ChaosJson.write(verdict), VerdictMessage.class)).isEqualTo(verdict);
    }

    @Test
    void timelineWithDegradedAnswersRoundTripsAndOlderTimelinesHaveNone() throws Exception {
        DegradedAnswers degraded = new DegradedAnswers(41, 41, 0, NOW.plusMillis(500), NOW.plusMillis(10_500), 59.0,
                Map.of(200, 41L), List.of(new BodyShrink("recommendations", BodyShrink.EMPTIED, 41)), null, 12,
                "successful answers of probe summary ...");
        RecoveryTimeline timeline = new RecoveryTimeline("run-1-f0", TARGET, "summary", NOW, null, null, null, null,
                0L, 100.0, 100, 0, 250).withFailures(FailureBreakdown.NONE).withDegraded(degraded);
        RunVerdict verdict = RunVerdict.of("run-1", "kill-product", Verdict.PASS, List.of(timeline), List.of(),
                List.of(), 250, NOW);
        String json = ChaosJson.write(verdict);
        assertThat(json).contains("\"degraded\":{\"probesDegraded\":41");
        assertThat(ChaosJson.read(json, VerdictMessage.class)).isEqualTo(verdict);

        RunVerdict older = RunVerdict.of("run-1", "kill-product", Verdict.PASS, List.of(timeline.withDegraded(null)),
                List.of(), List.of(), 250, NOW);
        String olderJson = ChaosJson.write(older);
        assertThat(olderJson).doesNotContain("degraded");
        assertThat(((RunVerdict) ChaosJson.read(olderJson, VerdictMessage.class)).timelines().get(0).degraded())
                .isNull();
    }

    @Test
    void breakerTimelinesSurviveARoundTripAndAreAbsentWhenNoneWasFollowed() throws Exception {
        BreakerTimeline breaker = new BreakerTimeline("defaultCircuitBreaker", "resilience4j",
                "http://127.0.0.1:8090/actuator/prometheus",
                "resilience4j_circuitbreaker_state{name=\"defaultCircuitBreaker\"}", true, 3, 3,
                List.of(new BreakerTransition("closed", NOW, null),
                        new BreakerTransition("open", NOW.plusMillis(500), NOW.plusMillis(250))), 250);
        RunVerdict verdict = RunVerdict.of("run-1", "gateway", Verdict.PASS, List.of(), List.of(), List.of(), 250,
                null, null, List.of(), null, List.of(breaker), NOW);
        assertThat(ChaosJson.read(ChaosJson.write(verdict), VerdictMessage.class)).isEqualTo(verdict);

        String older = ChaosJson.write(RunVerdict.of("run-1", "gateway", Verdict.PASS, List.of(), List.of(),
                List.of(), 250, NOW));
        assertThat(older).doesNotContain("breakers");
        assertThat(((RunVerdict) ChaosJson.read(older, VerdictMessage.class)).breakers()).isEmpty();
    }

    @Test
    void everyMessageCarriesTheEnvelopeAndItsTypeName() throws Exception {
        JsonNode node = ChaosJson.messages().readTree(ChaosJson.write(
                FaultInjected.of("run-1", "run-1-f0", "container-kill", TARGET, NOW, 12, NOW)));
        assertThat(node.get("type").asText()).isEqualTo("fault-injected");
        assertThat(node.get("schemaVersion").asInt()).isEqualTo(Message.SCHEMA_VERSION);
        assertThat(node.get("messageId").asText()).isNotBlank();
        assertThat(node.get("runId").asText()).isEqualTo("run-1");
        assertThat(node.get("timestamp").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
    }

    @Test
    void durationsAreWrittenAsPeopleWriteThem() {
        String json = ChaosJson.write(RunStarted.of("run-1", experiment(), List.of(new PlannedFault("f", TARGET,
                ContainerKill.sigkill())), NOW, NOW.plusSeconds(30), NOW));
        assertThat(json).contains("\"duration\":\"30s\"").contains("\"interval\":\"250ms\"");
    }

    @Test
    void aRunStartedOrSkippedWithoutAlertSettingsReadsAsTheReportersDefaults() throws Exception {
        String started = ChaosJson.write(RunStarted.of("run-1", experiment(), List.of(new PlannedFault("f", TARGET,
                ContainerKill.sigkill())), NOW, NOW.plusSeconds(30), NOW));
        RunStarted read = (RunStarted) ChaosJson.read(started, ChaosEvent.class);
        assertThat(read.scheduleId()).isNull();
        assertThat(read.alertOn()).isNull();
        String skipped = ChaosJson.write(RunSkipped.of("sch-1", "kill-product", "ab12", NOW, "missed", "down", NOW));
        assertThat(((RunSkipped) ChaosJson.read(skipped, ChaosEvent.class)).alertOn()).isNull();
    }

    @Test
    void anUnknownKindOfAlertIsRefused() {
        assertThatThrownBy(() -> RunSkipped.of("sch-1", "kill-product", "ab12", NOW, "missed", "down",
                List.of("fial"), NOW)).hasMessageContaining("alertOn").hasMessageContaining("'fial'");
    }

    @Test
    void consumersIgnoreFieldsAddedByNewerProducers() throws Exception {
        String json = ChaosJson.write(RunFinished.of("run-1", NOW, 1, 0, NOW))
                .replace("{", "{\"addedInVersion2\":\"x\",");
        assertThat(ChaosJson.read(json, ChaosEvent.class)).isInstanceOf(RunFinished.class);
    }

    @Test
    void invalidMessagesAreRefusedOnRead() {
        String json = ChaosJson.write(FaultInjected.of("run-1", "f", "container-kill", TARGET, NOW, 1, NOW))
                .replace("\"runId\":\"run-1\"", "\"runId\":\"\"");
        assertThatThrownBy(() -> ChaosJson.read(json, ChaosEvent.class)).hasMessageContaining("runId");
    }
}
