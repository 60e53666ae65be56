package dev.faultline.agent.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.agent.testing.TestKeys;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.json.ChaosJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deployed agent's /q/metrics (no token, Prometheus text): a signed fault shows as active and timed, an unsigned
 * command as rejected, and the fault's lease running out as an expiry and a revert.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class AgentMetricsEndpointTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    FakeContainerRuntime runtime;

    @Test
    void theFaultPathShowsOnQMetrics() throws Exception {
        String run = "run-metrics-" + System.nanoTime();
        runtime.add(FakeContainerRuntime.running("metrics-1", true));
        // A lease of 8 s (the most a renewal may grant: four leases) before the fault: time enough to look at the
        // fault in effect on a loaded machine, where the consumer takes its commands one after the other.
        Instant now = Instant.now();
        connector.source("commands").send(TestKeys.signedJson(RenewLease.of(run, now.plusSeconds(8), now)));
        connector.source("commands").send(TestKeys.signedJson(Commands.pause("test-agent", run, "metrics-1", run)));
        connector.source("commands").send(ChaosJson.write(Commands.pause("test-agent", run, "metrics-1", run + "-2")));

        await("fault active").atMost(Duration.ofSeconds(10)).until(() -> runtime.paused().contains("metrics-1"));
        String during = metrics();
        // Other tests of this application may have counted before: the values are at least this test's.
        assertThat(during)
                .containsPattern(sample("faultline_agent_active_faults{agent=\"test-agent\",type=\"container-pause\"}"))
                .contains("faultline_agent_active_faults{agent=\"test-agent\",type=\"container-kill\"} 0.0")
                .containsPattern(sample("faultline_fault_injection_delay_seconds_bucket{agent=\"test-agent\","
                        + "type=\"container-pause\",le=\"+Inf\"}"))
                .containsPattern(sample("faultline_fault_apply_duration_seconds_count{agent=\"test-agent\","
                        + "type=\"container-pause\"}"));

        // No renewal comes: the dead-man switch reverts the fault.
        await("lease expired").atMost(Duration.ofSeconds(20)).until(() -> !runtime.paused().contains("metrics-1"));
        String after = await("the revert counted").atMost(Duration.ofSeconds(5)).until(
                AgentMetricsEndpointTest::metrics, text -> text.contains(
                        "faultline_agent_active_faults{agent=\"test-agent\",type=\"container-pause\"} 0.0"));
        assertThat(after)
                .containsPattern(sample("faultline_agent_lease_expiries_total{agent=\"test-agent\"}"))
                .containsPattern(sample("faultline_agent_commands_rejected_total{agent=\"test-agent\","
                        + "reason=\"unsigned\"}"))
                .contains("faultline_agent_active_faults{agent=\"test-agent\",type=\"container-pause\"} 0.0")
                .contains("faultline_fault_revert_duration_seconds_count{agent=\"test-agent\",cause=\"lease-expired\",type=\"container-pause\"}")
                .contains("faultline_agent_faults_past_lease{agent=\"test-agent\"} 0.0");

        // The agent's footprint (issue 15): the JVM and process binders plus Faultline's own, no per-request series.
        List<String> samples = Arrays.stream(after.split("\n"))
                .filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        long binders = samples.stream().filter(line -> line.startsWith("jvm_") || line.startsWith("process_")
                || line.startsWith("system_")).count();
        assertThat(samples).as("samples on /q/metrics").hasSizeLessThan(400);
        assertThat(binders).as("the JVM and process binders' samples").isBetween(20L, 150L);
        assertThat(after).doesNotContain("http_server_requests").doesNotContain("kafka_consumer");
    }

    /** A sample line of the series with a value of at least 1. */
    private static String sample(String series) {
        return "(?m)^" + java.util.regex.Pattern.quote(series) + " [1-9][0-9]*\\.[0-9]";
    }

    private static String metrics() {
        return given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
