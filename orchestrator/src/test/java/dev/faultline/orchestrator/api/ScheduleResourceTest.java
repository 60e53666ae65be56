package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.as;
import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.faultline.common.audit.AuditRecord;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.schedule.ScheduleRequest;
import dev.faultline.orchestrator.schedule.Schedules;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.InMemoryScheduleStore;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class ScheduleResourceTest {

    /** Working days at 10:00 (plus up to 30 minutes): nothing falls due while these tests run. */
    static final String DAILY = "0 0 10 ? * MON-FRI";

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    InMemoryScheduleStore store;
    @Inject
    Schedules schedules;
    @TestHTTPResource("/q/health/live")
    URL health;

    @BeforeEach
    void startClean() {
        store.clear(); // other tests' halts latch the shared store
        connector.sink("events-out").clear();
        connector.sink("audit-out").clear();
    }

    /** An experiment whose one probe is this orchestrator's own health: the steady state holds. */
    String experiment(String container) {
        return RunResourceTest.EXPERIMENT.replace("http://127.0.0.1:9/health", health.toString())
                .replace("CONTAINER", container);
    }

    static Map<String, Object> request(String experiment, String cron, String zone) {
        return Map.of("experiment", experiment, "cron", cron, "zone", zone,
                "windows", List.of(Map.of("days", "MON-FRI", "from", "09:00", "to", "17:00")),
                "randomOffset", "30m", "announceAhead", "5m");
    }

    @Test
    void anOperatorAddsAScheduleThatAViewerCanReadButNotChange() {
        String document = experiment("web");
        String id = asOperator().contentType("application/json").body(request(document, DAILY, "Europe/Paris"))
                .post("/api/v1/schedules")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/schedules/sch-"))
                .body("experimentName", equalTo("api-test"))
                .body("experimentSha256", equalTo(ScheduleRequest.sha256(document)))
                .body("cron", equalTo(DAILY))
                .body("zone", equalTo("Europe/Paris"))
                .body("windows[0].days", equalTo("MON-FRI"))
                .body("randomOffset", equalTo("30m"))
                .body("announceAhead", equalTo("5m"))
                .body("paused", equalTo(false))
                .body("createdBy", equalTo("otto-operator"))
                .body("nextOccurrence.startAt", notNullValue())
                .extract().path("scheduleId");
        String next = as(TestSecurity.VIEWER).get("/api/v1/schedules/" + id).path("nextOccurrence.occurrence");
        assertThat(java.time.Instant.parse(next).atZone(java.time.ZoneId.of("Europe/Paris")).toLocalTime())
                .as("the cron is read in the schedule's zone").isEqualTo(java.time.LocalTime.of(10, 0));

        as(TestSecurity.VIEWER).get("/api/v1/schedules").then().statusCode(200)
                .body("scheduleId", hasItem(id))
                .body("[0].experimentDocument", nullValue());
        as(TestSecurity.VIEWER).get("/api/v1/schedules/" + id).then().statusCode(200)
                .body("experimentDocument", equalTo(document));
        as(TestSecurity.VIEWER).post("/api/v1/schedules/" + id + "/pause").then().statusCode(403);
        as(TestSecurity.VIEWER).delete("/api/v1/schedules/" + id).then().statusCode(403);
        as(TestSecurity.VIEWER).contentType("application/json").body(request(document, DAILY, "UTC"))
                .post("/api/v1/schedules").then().statusCode(403);

        assertThat(audits()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("add-schedule");
            assertThat(a.operator()).isEqualTo("otto-operator");
            assertThat(a.outcome()).contains(id, ScheduleRequest.sha256(document));
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not a cron | cron | every day | cron | Quartz cron",
            "unix cron | cron | 0 3 * * * | cron | Quartz cron",
            "unknown zone | zone | Mars/Olympus | zone | must be a time zone id",
            "bad window | window | 25:00 | windows[0].from | must be a time of day",
            "bad offset | randomOffset | soon | randomOffset | must be a duration",
    })
    void badSchedulesGet400WithTheFieldNamed(String caseName, String what, String value, String field,
            String message) {
        Map<String, Object> body = new java.util.HashMap<>(request(experiment("web"), DAILY, "UTC"));
        if (what.equals("window")) {
            body.put("windows", List.of(Map.of("days", "MON-FRI", "from", value, "to", "17:00")));
        } else {
            body.put(what, value);
        }

        asOperator().contentType("application/json").body(body).post("/api/v1/schedules")
                .then().statusCode(400)
                .body("error", equalTo("invalid schedule"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString(message));
        assertThat(audits()).singleElement().satisfies(a -> assertThat(a.outcome()).startsWith("rejected"));
    }

    @Test
    void anUnknownFieldOrAWrongShapeIsNamedNotIgnored() {
        Map<String, Object> typo = new java.util.HashMap<>(request(experiment("web"), DAILY, "UTC"));
        typo.put("annouceAhead", "5m");
        asOperator().contentType("application/json").body(typo).post("/api/v1/schedules")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("annouceAhead"))
                .body("violations[0].message", containsString("is not a known field"));
        asOperator().contentType("application/json").body("{\"cron\": \"0 * * * * ?\", \"windows\": 3}")
                .post("/api/v1/schedules")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("windows"));
        asOperator().contentType("application/json").body("{not json").post("/api/v1/schedules")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("(document)"));
    }

    @Test
    void anInvalidExperimentIsNamedUnderExperiment() {
        asOperator().contentType("application/json")
                .body(request(experiment("web").replace("container-kill", "gremlin"), DAILY, "UTC"))
                .post("/api/v1/schedules")
                .then().statusCode(400)
                .body("violations.field", hasItem("experiment.faults[0].fault.type"));
    }

    @Test
    void pauseResumeAndRemove() {
        String id = add(Map.of("experiment", experiment("web"), "cron", "0 0 * * * ?"));

        asOperator().post("/api/v1/schedules/" + id + "/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("nextOccurrence", nullValue());
        asOperator().post("/api/v1/schedules/" + id + "/resume").then().statusCode(200)
                .body("paused", equalTo(false)).body("nextOccurrence.occurrence", notNullValue());
        asOperator().delete("/api/v1/schedules/" + id).then().statusCode(204);
        asOperator().get("/api/v1/schedules/" + id).then().statusCode(404)
                .body("error", containsString(id));
        asOperator().post("/api/v1/schedules/" + id + "/pause").then().statusCode(404);
        assertThat(audits()).extracting(AuditRecord::action).containsExactly("add-schedule", "pause-schedule",
                "resume-schedule", "remove-schedule", "pause-schedule");
        assertThat(audits().get(4).outcome()).as("a refused change is on record too").startsWith("rejected");
    }

    @Test
    void aDueOccurrenceStartsARunThroughTheCoordinatorAndATargetThatIsDownIsSkipped() throws Exception {
        String target = AnnouncedTargets.announceTarget(connector);
        String running = add(Map.of("experiment", experiment(target), "cron", "* * * * * ?"));
        String nobody = add(Map.of("experiment", experiment("nobody-" + UUID.randomUUID()), "cron", "* * * * * ?"));

        String runId = awaitOccurrence(running, "STARTED").path("[0].runId");
        asOperator().get("/api/v1/runs/" + runId).then().statusCode(200).body("experimentName", equalTo("api-test"));
        awaitOccurrence(nobody, "SKIPPED").then()
                .body("[0].reasonCode", equalTo("target-down"))
                .body("[0].reason", containsString("target already down"));
        asOperator().post("/api/v1/schedules/" + running + "/pause").then().statusCode(200);
        asOperator().post("/api/v1/schedules/" + nobody + "/pause").then().statusCode(200);

        assertThat(skips()).anySatisfy(s -> {
            assertThat(s.scheduleId()).isEqualTo(nobody);
            assertThat(s.reasonCode()).isEqualTo("target-down");
        });
        assertThat(audits()).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("scheduled-run");
            assertThat(a.runId()).isEqualTo(runId);
            assertThat(a.operator()).contains(running, "otto-operator");
        });
    }

    @Test
    void afterAHaltSchedulesStartNothingUntilAnOperatorResumes() {
        String target = AnnouncedTargets.announceTarget(connector);
        asOperator().post("/api/v1/halt?reason=drill").then().statusCode(200).body("schedulesHeld", equalTo(true));
        String id = add(Map.of("experiment", experiment(target), "cron", "* * * * * ?"));
        as(TestSecurity.VIEWER).get("/api/v1/schedules/" + id).then().body("haltedBy.reason", equalTo("drill"));
        as(TestSecurity.VIEWER).get("/api/v1/halt").then().statusCode(200).body("halted", equalTo(true))
                .body("latch.reason", equalTo("drill"));

        awaitOccurrence(id, "SKIPPED").then().body("[0].reasonCode", equalTo("halted"));
        as(TestSecurity.VIEWER).post("/api/v1/resume").then().statusCode(403);
        asOperator().post("/api/v1/resume").then().statusCode(200)
                .body("wasHalted", equalTo(true)).body("released.reason", equalTo("drill"));
        as(TestSecurity.VIEWER).get("/api/v1/halt").then().statusCode(200).body("halted", equalTo(false));
        awaitOccurrence(id, "STARTED");
        asOperator().post("/api/v1/schedules/" + id + "/pause").then().statusCode(200);

        assertThat(audits()).extracting(AuditRecord::action).contains("halt", "resume");
    }

    @Test
    void aScheduleShowsTheKindsOfAlertItWasGivenAndRefusesAnUnknownOne() {
        String target = AnnouncedTargets.announceTarget(connector);
        String id = add(Map.of("experiment", experiment(target), "cron", "0 0 3 ? * *",
                "alertOn", java.util.List.of("skipped", "halt")));

        as(TestSecurity.VIEWER).get("/api/v1/schedules/" + id).then().statusCode(200)
                .body("alertOn", equalTo(java.util.List.of("skipped", "halt")));
        asOperator().contentType("application/json").body(Map.of("experiment", experiment(target), "cron",
                "0 0 3 ? * *", "alertOn", java.util.List.of("failure"))).post("/api/v1/schedules").then()
                .statusCode(400).body("violations[0].field", equalTo("alertOn"));
    }

    @Test
    void theOpenApiDescriptionHasTheScheduleEndpoints() throws Exception {
        com.fasterxml.jackson.databind.JsonNode paths = ChaosJson.messages().readTree(io.restassured.RestAssured
                .given().accept("application/json").get("/q/openapi?format=json").asString()).path("paths");

        assertThat(paths.has("/api/v1/schedules")).isTrue();
        assertThat(paths.has("/api/v1/resume")).isTrue();
        assertThat(paths.at("/~1api~1v1~1schedules/post/responses").has("400")).isTrue();
        assertThat(paths.at("/~1api~1v1~1schedules~1{id}~1pause/post/responses").has("404")).isTrue();
    }

    private String add(Map<String, Object> body) {
        return asOperator().contentType("application/json").body(body).post("/api/v1/schedules")
                .then().statusCode(201).extract().path("scheduleId");
    }

    /** Ticks (the timer is off in tests) until the schedule's latest occurrence is in {@code state}. */
    private io.restassured.response.Response awaitOccurrence(String id, String state) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            schedules.tick();
            io.restassured.response.Response answer = asOperator().get("/api/v1/schedules/" + id + "/occurrences");
            List<String> states = answer.path("state");
            if (states != null && !states.isEmpty() && state.equals(states.get(0))) {
                return answer;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("schedule " + id + " has no " + state + " occurrence: "
                + asOperator().get("/api/v1/schedules/" + id + "/occurrences").asString());
    }

    private List<AuditRecord> audits() {
        return SentMessages.read(connector, "audit-out", AuditRecord.class);
    }

    private List<RunSkipped> skips() {
        return SentMessages.read(connector, "events-out", ChaosEvent.class).stream()
                .filter(RunSkipped.class::isInstance).map(RunSkipped.class::cast).toList();
    }
}
