package dev.faultline.orchestrator.testing;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Targets made known to the orchestrator the way agents do it: a heartbeat on the in-memory events channel. */
public final class AnnouncedTargets {

    private AnnouncedTargets() {
    }

    /**
     * A new agent's heartbeat with one opted-in running container, named {@code web-<random>}; waits (5 s at most)
     * until the orchestrator lists it.
     *
     * @return the container's name
     */
    public static String announceTarget(InMemoryConnector connector) {
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        connector.source("events-in").send(ChaosJson.write(AgentHeartbeat.of("agent-" + name, "host-" + name,
                Duration.ofSeconds(30), List.of(new ContainerInfo("cid-" + name, name, "img", "running",
                        Map.of(ContainerInfo.OPT_IN_LABEL, "true"))), Instant.now())));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && !asOperator().get("/api/v1/agents").asString().contains(name)) {
            Thread.onSpinWait();
        }
        return name;
    }
}
