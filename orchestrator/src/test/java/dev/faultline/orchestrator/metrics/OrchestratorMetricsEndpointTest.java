package dev.faultline.orchestrator.metrics;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.common.event.CommandRejected;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.Verdict;
import dev.faultline.orchestrator.api.RunResourceTest;
import dev.faultline.orchestrator.run.LeaseRenewer;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployed orchestrator's /q/metrics, read without a token: a run that completes, one that a halt aborts, a
 * lease renewal, an agent's heartbeat and its command-rejected event each show as their series.
 */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class OrchestratorMetricsEndpointTest {

    /** A long warm-up: the run stays RUNNING, its lease renewed, until the halt. */
    private static final String SLOW = RunResourceTest.EXPERIMENT.replace("warmup: 0s", "warmup: 60s");

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    LeaseRenewer renewer;

    @Test
    void runsLeasesHeartbeatsAndRejectionsShowOnQMetrics() {
        String name = AnnouncedTargets.announceTarget(connector);
        String agent = "agent-" + name;

        String completed = start(RunResourceTest.EXPERIMENT.replace("CONTAINER", name));
        await().atMost(Duration.ofSeconds(10)).until(() -> "FINISHED".equals(state(completed)));
        connector.source("verdicts").send(ChaosJson.write(RunVerdict.of(completed, "api-test", Verdict.FAIL,
                List.of(), List.of(), List.of("a check failed"), 250, Instant.now())));
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(state(completed)));

        String halted = start(SLOW.replace("CONTAINER", name));
        renewer.renewAll();
        asOperator().post("/api/v1/halt?reason=metrics-drill").then().statusCode(200);
        connector.source("events-in").send(ChaosJson.write(CommandRejected.of(agent, "bad-signature",
                "signature does not verify", halted, null, null, "k1", Instant.now())));

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics().contains(
                "faultline_command_rejections_total{agent=\"" + agent + "\",reason=\"bad-signature\"} 1.0"));
        String metrics = metrics();
        assertThat(metrics)
                .containsPattern(series("faultline_runs_started_total", ""))
                .containsPattern(series("faultline_runs_completed_total", "verdict=\"fail\""))
                .containsPattern(series("faultline_runs_aborted_total", "cause=\"halt\""))
                .containsPattern(series("faultline_runs", "state=\"completed\""))
                .containsPattern(series("faultline_runs", "state=\"aborted\""))
                .containsPattern(series("faultline_lease_renewals_total", ""))
                .containsPattern(series("faultline_agents_live", ""))
                .containsPattern(series("faultline_agent_heartbeat_age_seconds", "agent=\"" + agent + "\""));
    }

    /** A sample line of {@code name} with {@code labels} among its labels and a value of at least 1. */
    private static Pattern series(String name, String labels) {
        String labelPart = labels.isEmpty() ? "(\\{[^}]*\\})?" : "\\{[^}]*" + Pattern.quote(labels) + "[^}]*\\}";
        String value = name.endsWith("_age_seconds") ? "[0-9.E-]+" : "([1-9][0-9]*)\\.[0-9]+(E[0-9]+)?";
        return Pattern.compile("(?m)^" + Pattern.quote(name) + labelPart + " " + value + "$");
    }

    private static String start(String experiment) {
        return asOperator().contentType(RunResourceTest.YAML).body(experiment).post("/api/v1/runs").then()
                .statusCode(201).extract().path("runId");
    }

    private static String state(String runId) {
        return asOperator().get("/api/v1/runs/" + runId).path("state");
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
