package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloResult;
import dev.faultline.common.verdict.SloStatus;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.orchestrator.run.Run;
import dev.faultline.orchestrator.run.RunRegistry;
import dev.faultline.orchestrator.testing.InMemoryRunStore;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The run history and the trend over HTTP, from runs that only the store knows (as after a restart). Each test uses
 * experiments of its own names: the Quarkus application and its store are shared with the other tests.
 */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class RunHistoryApiTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    @Inject
    InMemoryRunStore store;
    @Inject
    RunRegistry live;

    private final String experiment = "history-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void storedRunsAreListedNewestFirstFilteredAndPaged() {
        for (int i = 0; i < 5; i++) {
            store.save(judged(experiment, "h-" + experiment + "-" + i, T0.plusSeconds(60L * i),
                    i % 2 == 0 ? Verdict.PASS : Verdict.FAIL));
        }
        String first = as(TestSecurity.VIEWER).get("/api/v1/runs?experiment=" + experiment + "&limit=2")
                .then().statusCode(200)
                .body("runs.runId", contains(id(4), id(3)))
                .body("nextPageToken", notNullValue())
                .extract().path("nextPageToken");
        String second = as(TestSecurity.VIEWER)
                .get("/api/v1/runs?experiment=" + experiment + "&limit=2&pageToken=" + first)
                .then().statusCode(200)
                .body("runs.runId", contains(id(2), id(1)))
                .extract().path("nextPageToken");
        as(TestSecurity.VIEWER).get("/api/v1/runs?experiment=" + experiment + "&limit=2&pageToken=" + second)
                .then().statusCode(200)
                .body("runs.runId", contains(id(0)))
                .body("nextPageToken", nullValue())
                .body("$", org.hamcrest.Matchers.hasKey("nextPageToken"));

        as(TestSecurity.VIEWER).get("/api/v1/runs?experiment=" + experiment + "&verdict=fail")
                .then().statusCode(200).body("runs.runId", contains(id(3), id(1)));
        as(TestSecurity.VIEWER).get("/api/v1/runs?experiment=" + experiment + "&state=COMPLETED&since="
                + T0.plusSeconds(120)).then().statusCode(200).body("runs.runId", contains(id(4), id(3), id(2)));
        as(TestSecurity.VIEWER).get("/api/v1/runs?experiment=" + experiment + "&state=ABORTED")
                .then().statusCode(200).body("runs", hasSize(0));
    }

    @Test
    void aStoredRunIsAnsweredByIdThoughThisProcessNeverDroveIt() {
        Run run = judged(experiment, "h-" + experiment + "-only-stored", T0, Verdict.PASS);
        store.save(run);
        org.assertj.core.api.Assertions.assertThat(live.find(run.id())).isEmpty();

        as(TestSecurity.VIEWER).get("/api/v1/runs/" + run.id()).then().statusCode(200)
                .body("state", equalTo("COMPLETED"))
                .body("verdict.verdict", equalTo("PASS"));
        as(TestSecurity.VIEWER).get("/api/v1/runs/" + run.id() + "/summary").then().statusCode(200);
        as(TestSecurity.VIEWER).get("/api/v1/runs/no-such-run").then().statusCode(404)
                .body("error", containsString("no-such-run"));
    }

    @Test
    void badFiltersAre400WithTheParameterNamed() {
        as(TestSecurity.VIEWER).get("/api/v1/runs?verdict=MAYBE").then().statusCode(400)
                .body("error", containsString("verdict"));
        as(TestSecurity.VIEWER).get("/api/v1/runs?state=SLEEPING").then().statusCode(400)
                .body("error", containsString("state"));
        as(TestSecurity.VIEWER).get("/api/v1/runs?since=yesterday").then().statusCode(400)
                .body("error", containsString("since"));
        as(TestSecurity.VIEWER).get("/api/v1/runs?limit=0").then().statusCode(400)
                .body("error", containsString("limit"));
        as(TestSecurity.VIEWER).get("/api/v1/runs?limit=ten").then().statusCode(400)
                .body("error", containsString("limit"));
        as(TestSecurity.VIEWER).get("/api/v1/runs?pageToken=not-a-token").then().statusCode(400)
                .body("error", containsString("pageToken"));
        as(TestSecurity.VIEWER).get("/api/v1/experiments/x/trend?last=1000").then().statusCode(400)
                .body("error", containsString("last"));
    }

    @Test
    void theTrendHasTheLastRunsWithTheirScoresAndThePassRate() {
        store.save(judged(experiment, "h-" + experiment + "-old", T0, Verdict.PASS));
        store.save(judged(experiment, "h-" + experiment + "-failed", T0.plusSeconds(60), Verdict.FAIL));
        store.save(judged(experiment, "h-" + experiment + "-passed", T0.plusSeconds(120), Verdict.PASS));
        Run unjudged = run(experiment, "h-" + experiment + "-aborted", T0.plusSeconds(180));
        unjudged.abort("halted", T0.plusSeconds(190));
        store.save(unjudged);

        as(TestSecurity.VIEWER).get("/api/v1/experiments/" + experiment + "/trend?last=3").then().statusCode(200)
                .body("experiment", equalTo(experiment))
                .body("runs.runId", contains("h-" + experiment + "-aborted", "h-" + experiment + "-passed",
                        "h-" + experiment + "-failed"))
                .body("runs[0].verdict", nullValue())
                .body("runs[1].score", equalTo(100))
                .body("runs[2].score", equalTo(0))
                .body("passRate", equalTo(0.5f))
                .body("meanScore", equalTo(50.0f));
        as(TestSecurity.VIEWER).get("/api/v1/experiments/" + experiment + "/trend").then().statusCode(200)
                .body("runs", hasSize(4));
        as(TestSecurity.VIEWER).get("/api/v1/experiments/never-ran-" + experiment + "/trend").then().statusCode(200)
                .body("runs", hasSize(0));
    }

    private String id(int i) {
        return "h-" + experiment + "-" + i;
    }

    private static Run judged(String experiment, String id, Instant createdAt, Verdict verdict) {
        Run run = run(experiment, id, createdAt);
        SloStatus status = verdict == Verdict.PASS ? SloStatus.PASS : SloStatus.FAIL;
        run.complete(RunVerdict.of(id, experiment, verdict, List.of(), List.of(new SloResult("min-availability",
                "percent", 99.9, 99.0, status, "probes")), List.of(), 250, createdAt.plusSeconds(30)),
                createdAt.plusSeconds(30));
        return run;
    }

    private static Run run(String experiment, String id, Instant createdAt) {
        Experiment parsed = new ExperimentParser().parse(RunResourceTest.EXPERIMENT.replace("CONTAINER", "web")
                .replaceFirst("name: [^\\n]+", "name: " + experiment), ExperimentParser.Format.YAML);
        return new Run(id, parsed, List.of(new PlannedFault(id + "-f0", new TargetRef("agent-1", "c1", "web"),
                new ContainerPause(), Duration.ofSeconds(10))), createdAt, createdAt.plusSeconds(5),
                createdAt.plusSeconds(15));
    }
}
