package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.common.verdict.ProbeSegment;
import dev.faultline.common.verdict.ProbeStatus;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.junit.QuarkusTest;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.verdict.SloBreached;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@io.quarkus.test.common.QuarkusTestResource(TestSecurity.class)
public class RunResourceTest {

    public static final String EXPERIMENT = """
            name: api-test
            duration: 1s
            steadyState:
              warmup: 0s
              probes:
                - name: health
                  url: http://127.0.0.1:9/health
            faults:
              - target:
                  selector: {name: CONTAINER}
                fault:
                  type: container-kill
            """;

    /** RestAssured must be told that YAML is text. */
    public static final String YAML = "application/yaml; charset=UTF-8";

    static {
        io.restassured.RestAssured.config = io.restassured.RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig()
                        .encodeContentTypeAs("application/yaml", io.restassured.http.ContentType.TEXT));
    }

    @Inject
    @Any
    InMemoryConnector connector;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "unknown fault type | type: container-kill | type: gremlin | faults[0].fault.type | is not a known fault type",
            "negative duration | duration: 1s | duration: -3s | duration | must be positive, was -3s",
            "empty selector | selector: {name: CONTAINER} | selector: {} | faults[0].target.selector | must name a container",
            "unknown field | duration: 1s | duration: 1s\\nblastRadius: 3 | blastRadius | is not a known field",
            "malformed yaml | name: api-test | name: 'api-test | (document) | is not valid YAML",
    })
    void badExperimentsGet400WithAFieldLevelMessage(String caseName, String from, String to, String field,
            String message) {
        asOperator().contentType(YAML).body(EXPERIMENT.replace(from, to.replace("\\n", "\n")))
                .when().post("/api/v1/runs")
                .then().statusCode(400)
                .body("error", equalTo("invalid experiment"))
                .body("violations.field", hasItem(field))
                .body("violations.message", hasItem(containsString(message)));
    }

    @Test
    void jsonBodiesAreValidatedToo() {
        asOperator().contentType("application/json").body("{\"name\":\"x\",\"duration\":\"-1s\"}")
                .when().post("/api/v1/runs")
                .then().statusCode(400).body("violations.field", hasItem("duration"));
    }

    @Test
    void targetsNoAgentReportsGet422() {
        asOperator().contentType(YAML).body(EXPERIMENT.replace("CONTAINER", "nobody-" + UUID.randomUUID()))
                .when().post("/api/v1/runs")
                .then().statusCode(422)
                .body("violations.field", hasItem("faults[0].target.selector"));
    }

    @Test
    void faultTheChosenAgentCannotRunGets422WithItsReasonAndNothingIsSent() {
        String name = "cap-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-" + name, "host-c",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))),
                new AgentCapabilities("1.41", "v1", Map.of(), Map.of(
                        "container-kill", Capability.missing("the Docker engine does not answer"))),
                Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        commands.clear();

        asOperator().contentType(YAML).body(EXPERIMENT.replace("CONTAINER", name))
                .when().post("/api/v1/runs?dryRun=true")
                .then().statusCode(422)
                .body("violations[0].field", equalTo("faults[0].fault"))
                .body("violations[0].message", equalTo("agent agent-" + name
                        + " cannot run container-kill: the Docker engine does not answer"));
        asOperator().contentType(YAML).body(EXPERIMENT.replace("CONTAINER", name))
                .when().post("/api/v1/runs")
                .then().statusCode(422);
        // Other tests' runs share the sink and may send theirs meanwhile: nothing may name this target.
        assertThat(commands.received()).filteredOn(m -> m.getPayload().contains(name)).isEmpty();
    }

    @Test
    void unknownRunIs404() {
        asOperator().when().get("/api/v1/runs/run-nope").then().statusCode(404)
                .body("error", containsString("run-nope"));
    }

    @Test
    void aRunGoesFromStartToVerdict() {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-t", "host-t",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))), Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        InMemorySink<String> events = connector.sink("events-out");
        commands.clear();
        events.clear();

        asOperator().contentType(YAML).body(EXPERIMENT.replace("CONTAINER", name))
                .when().post("/api/v1/runs?dryRun=true")
                .then().statusCode(200).body("plan[0].target.containerName", equalTo(name));
        assertThat(commands.received()).filteredOn(m -> m.getPayload().contains(name)).as("a dry run sends nothing")
                .isEmpty();

        String runId = asOperator().contentType(YAML).body(EXPERIMENT.replace("CONTAINER", name))
                .when().post("/api/v1/runs")
                .then().statusCode(201).body("state", equalTo("RUNNING"))
                .extract().path("runId");

        InjectFault inject = (InjectFault) await(() -> commands.received().stream()
                .map(m -> TestSecurity.verifiedCommand(m.getPayload())).filter(c -> runId.equals(c.runId())).findFirst().orElse(null));
        assertThat(inject.target().containerName()).isEqualTo(name);
        assertThat(inject.agentId()).isEqualTo("agent-t");
        assertThat(events.received()).anySatisfy(m -> assertThat(read(m, ChaosEvent.class))
                .isInstanceOf(RunStarted.class));

        connector.source("events-in").send(ChaosJson.write(FaultInjected.of(runId, inject.faultId(),
                "container-kill", inject.target(), Instant.now(), 3, Instant.now())));
        await(() -> events.received().stream().map(m -> read(m, ChaosEvent.class))
                .filter(e -> e instanceof RunFinished f && f.runId().equals(runId) && f.faultsInjected() == 1)
                .findFirst().orElse(null));
        asOperator().when().get("/api/v1/runs/" + runId).then().statusCode(200).body("state", equalTo("FINISHED"));

        connector.source("verdicts").send(ChaosJson.write(RunVerdict.of(runId, "api-test", Verdict.PASS, List.of(),
                List.of(), List.of("all good"), 250, Instant.now())));
        await(() -> "COMPLETED".equals(asOperator().get("/api/v1/runs/" + runId).path("state")) ? true : null);
        asOperator().when().get("/api/v1/runs/" + runId + "/summary").then().statusCode(200)
                .body(containsString("Verdict: PASS"));
    }

    @Test
    void stepsWithLaterStartAfterFollowInSequenceAndEqualOnesGoTogether() {
        String a = "web-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "db-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-s", "host-s",
                Duration.ofSeconds(30), List.of(
                        new ContainerInfo("cid-" + a, a, "img", "running", Map.of("faultline.enabled", "true")),
                        new ContainerInfo("cid-" + b, b, "img", "running", Map.of("faultline.enabled", "true"))),
                Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        commands.clear();
        String experiment = """
                name: cascade
                duration: 5s
                steadyState:
                  warmup: 0s
                  probes:
                    - name: health
                      url: http://127.0.0.1:9/health
                faults:
                  - target: {selector: {name: A}}
                    fault: {type: container-kill}
                  - target: {selector: {name: B}}
                    fault: {type: container-kill}
                    startAfter: 1500ms
                  - target: {selector: {name: A}}
                    fault: {type: container-kill, signal: SIGTERM}
                """.replace("A}", a + "}").replace("B}", b + "}");
        String runId = asOperator().contentType(YAML).body(experiment)
                .when().post("/api/v1/runs")
                .then().statusCode(201).body("plan[1].startAfter", equalTo("1500ms"))
                .extract().path("runId");

        Map<String, InjectFault> sent = new java.util.concurrent.ConcurrentHashMap<>();
        await(() -> {
            commands.received().stream().map(m -> TestSecurity.verifiedCommand(m.getPayload()))
                    .filter(c -> runId.equals(c.runId()) && c instanceof InjectFault)
                    .forEach(c -> sent.putIfAbsent(((InjectFault) c).faultId(), (InjectFault) c));
            return sent.size() == 3 ? true : null;
        });
        InjectFault first = sent.get(runId + "-f0-0");
        InjectFault together = sent.get(runId + "-f2-0");
        InjectFault later = sent.get(runId + "-f1-0");
        // Waves go out ahead of their instant (faultline.dispatch.lead-time) and say when to act: the instants are
        // exact, the sending times only follow them.
        assertThat(together.executeAt()).as("same offset: one instant").isEqualTo(first.executeAt());
        assertThat(Duration.between(first.executeAt(), later.executeAt())).as("startAfter 1500ms")
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(Duration.between(first.timestamp(), together.timestamp()).abs()).as("same offset: sent together")
                .isLessThan(Duration.ofMillis(500));
        assertThat(later.timestamp()).as("the later wave is sent ahead of its instant, after the first wave")
                .isBefore(later.executeAt()).isAfter(first.timestamp());
    }

    @Test
    void aStepThatStartsAfterTheWindowClosesIsRefused() {
        asOperator().contentType(YAML).body(EXPERIMENT.replace("type: container-kill",
                        "type: container-kill\n    startAfter: 2s"))
                .when().post("/api/v1/runs")
                .then().statusCode(400)
                .body("violations.field", hasItem("faults"))
                .body("violations.message", hasItem(containsString("startAfter must be shorter")));
    }

    @Test
    void aCertainSloBreachAbortsTheRunWhenTheExperimentSaysSo() {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-b", "host-b",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))), Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        InMemorySink<String> events = connector.sink("events-out");
        // A lasting fault: an abort reverts it (a one-shot kill has nothing to revert).
        String experiment = EXPERIMENT.replace("CONTAINER", name).replace("duration: 1s", "duration: 30s")
                .replace("type: container-kill", "type: container-pause") + "slos:\n  abortOnBreach: true\n";
        String runId = asOperator().contentType(YAML).body(experiment)
                .when().post("/api/v1/runs")
                .then().statusCode(201).extract().path("runId");

        connector.source("verdicts").send(ChaosJson.write(SloBreached.of(runId, "max-recovery-time", "ms", 30000,
                30250, "probe health still failing 30250 ms after injection", true, Instant.now())));

        await(() -> "ABORTED".equals(asOperator().get("/api/v1/runs/" + runId).path("state")) ? true : null);
        asOperator().when().get("/api/v1/runs/" + runId).then()
                .body("abortReason", containsString("SLO breached: max-recovery-time"));
        assertThat(await(() -> events.received().stream().map(m -> read(m, ChaosEvent.class))
                .filter(e -> e instanceof RunAborted a && a.runId().equals(runId)).findFirst().orElse(null)))
                .isNotNull();
        // One revert fan-out per abort: the breach's abort sends the fault's revert once.
        assertThat(commands.received()).map(m -> TestSecurity.verifiedCommand(m.getPayload()))
                .filteredOn(c -> c instanceof RevertFault r && r.runId().equals(runId)).hasSize(1);
    }

    @Test
    void aRunShowsItsPhaseRevertsBreachesAndTheLatestProgress() {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-p", "host-p",
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of("faultline.enabled", "true"))), Instant.now())));
        InMemorySink<String> commands = connector.sink("commands");
        // A one-shot kill at once and a window of 30 s: past the injection the run is observing.
        String observing = asOperator().contentType(YAML)
                .body(EXPERIMENT.replace("CONTAINER", name).replace("duration: 1s", "duration: 30s"))
                .when().post("/api/v1/runs")
                .then().statusCode(201).extract().path("runId");
        String warmingUp = asOperator().contentType(YAML)
                .body(EXPERIMENT.replace("CONTAINER", name).replace("warmup: 0s", "warmup: 30s"))
                .when().post("/api/v1/runs")
                .then().statusCode(201).body("phase", equalTo("warm-up")).extract().path("runId");
        InjectFault inject = (InjectFault) await(() -> commands.received().stream()
                .map(m -> TestSecurity.verifiedCommand(m.getPayload())).filter(c -> observing.equals(c.runId()))
                .findFirst().orElse(null));

        Instant now = Instant.now();
        connector.source("events-in").send(ChaosJson.write(FaultReverted.of(observing, inject.faultId(),
                "container-kill", inject.target(), now, "duration-ended", now)));
        connector.source("verdicts").send(ChaosJson.write(SloBreached.of(observing, "min-availability", "percent",
                99, 90, "probe health at 90 % of 99 % required", false, now)));
        connector.source("verdicts").send(ChaosJson.write(RunProgress.of(observing, List.of(new ProbeStatus(
                "health", ProbeSegment.FAILED, now, 12, 3, 75.0, null, "connection refused")), now.plusMillis(1))));
        // Older than the one above (out of order): the newer one stays.
        connector.source("verdicts").send(ChaosJson.write(RunProgress.of(observing, List.of(new ProbeStatus(
                "health", ProbeSegment.OK, now, 8, 0, 100.0, 200, null)), now)));

        await(() -> asOperator().get("/api/v1/runs/" + observing).path("progress.probes[0].samples") != null
                && asOperator().get("/api/v1/runs/" + observing).<List<?>>path("breaches").size() == 1
                && asOperator().get("/api/v1/runs/" + observing).<List<?>>path("reverted").size() == 1 ? true : null);
        asOperator().when().get("/api/v1/runs/" + observing).then().statusCode(200)
                .body("phase", equalTo("observing"))
                .body("reverted[0].faultId", equalTo(inject.faultId()))
                .body("reverted[0].cause", equalTo("duration-ended"))
                .body("breaches[0].objective", equalTo("min-availability"))
                .body("progress.probes[0].state", equalTo("failed"))
                .body("progress.probes[0].samples", equalTo(12))
                .body("progress.probes[0].availabilityPercent", equalTo(75.0f))
                .body("progress.probes[0].lastError", equalTo("connection refused"));
        asOperator().when().get("/api/v1/runs/" + observing + "/summary").then().statusCode(200)
                .body(containsString("phase observing"))
                .body(containsString("min-availability: probe health at 90 % of 99 % required"));
        asOperator().when().get("/api/v1/runs/" + warmingUp).then().statusCode(200)
                .body("phase", equalTo("warm-up"))
                .body("reverted", equalTo(List.of()))
                .body("breaches", equalTo(List.of()))
                .body("progress", equalTo(null));
    }

    private static <T> T read(Message<String> message, Class<T> type) {
        try {
            return ChaosJson.read(message.getPayload(), type);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static <T> T await(Supplier<T> probe) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(probe::get, Objects::nonNull);
    }
}
