package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class AgentResourceTest {

    @Inject
    @Any
    InMemoryConnector connector;

    /** Sent and received instants of the same heartbeat: their difference is its lag (bench/scale.sh measures it). */
    @Test
    void anAgentIsListedWithWhenItsLatestHeartbeatWasSentAndWhenItArrived() {
        String agentId = "agent-" + UUID.randomUUID().toString().substring(0, 8);
        Instant sentAt = Instant.now().minusMillis(300).truncatedTo(ChronoUnit.MILLIS);
        Instant before = Instant.now();
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of(agentId, "host-a", Duration.ofSeconds(30),
                List.of(new ContainerInfo("cid-1", "web-1", "img", "running", Map.of(ContainerInfo.OPT_IN_LABEL,
                        "true"))), sentAt)));

        Map<String, Object> agent = awaitListed(agentId);

        assertThat(Instant.parse((String) agent.get("heartbeatSentAt"))).isEqualTo(sentAt);
        assertThat(Instant.parse((String) agent.get("lastHeartbeat"))).isAfterOrEqualTo(before);
        assertThat(agent.get("live")).isEqualTo(true);
    }

    private static Map<String, Object> awaitListed(String agentId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> listed = JsonPath.from(asOperator().get("/api/v1/agents").asString())
                    .getList("findAll { it.agentId == '" + agentId + "' }");
            if (!listed.isEmpty()) {
                return listed.get(0);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("agent " + agentId + " was not listed within 5 s");
    }
}
