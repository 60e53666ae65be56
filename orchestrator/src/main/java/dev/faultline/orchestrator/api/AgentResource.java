package dev.faultline.orchestrator.api;

import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.agents.AgentDirectory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The agents the orchestrator has heard from and the targets each reports. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentResource {

    @Inject
    AgentDirectory agents;

    @GET
    public List<AgentView> list() {
        return agents.all().stream().map(seen -> new AgentView(seen.heartbeat().agentId(),
                seen.heartbeat().hostname(), seen.receivedAt(),
                agents.isLive(seen.heartbeat().agentId(), Duration.ZERO), seen.heartbeat().inventory(),
                seen.heartbeat().capabilities())).toList();
    }

    /** @param capabilities what the agent's host can do, per fault type (./faultline faults); null from older agents */
    public record AgentView(String agentId, String hostname, Instant lastHeartbeat, boolean live,
            List<ContainerInfo> containers, AgentCapabilities capabilities) {
    }
}
