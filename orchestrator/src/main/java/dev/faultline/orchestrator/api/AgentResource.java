package dev.faultline.orchestrator.api;

import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.orchestrator.agents.AgentDirectory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The agents the orchestrator has heard from and the targets each reports. */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents", description = "The injector agents and their targets")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class AgentResource {

    @Inject
    AgentDirectory agents;

    @GET
    @Operation(summary = "The agents heard from, whether each is live, and the containers each reports")
    @APIResponse(responseCode = "200", description = "The agents",
            content = @Content(schema = @Schema(implementation = AgentView.class, type = SchemaType.ARRAY)))
    public List<AgentView> list() {
        return agents.all().stream().map(seen -> new AgentView(seen.heartbeat().agentId(),
                seen.heartbeat().hostname(), seen.receivedAt(),
                agents.isLive(seen.heartbeat().agentId(), Duration.ZERO), seen.heartbeat().inventory(),
                seen.heartbeat().capabilities(),
                agents.clockOffsetMillis(seen.heartbeat().agentId()).orElse(null),
                seen.heartbeat().timestamp())).toList();
    }

    /**
     * @param lastHeartbeat     when the orchestrator received the agent's latest heartbeat, on the orchestrator's clock
     * @param capabilities      what the agent's host can do, per fault type (./faultline faults); null from older
     *                          agents
     * @param clockOffsetMillis how far the agent's clock is ahead of the orchestrator's, estimated from its heartbeats
     *                          ({@link AgentDirectory#clockOffsetMillis}); an agent acts on executeAt that much early
     * @param heartbeatSentAt   when the agent sent that heartbeat, on the agent's clock: {@code lastHeartbeat} minus
     *                          this is the heartbeat's lag from agent to directory plus the clock skew between the two
     *                          hosts (bench/scale.sh measures the lag with it on one host)
     */
    public record AgentView(String agentId, String hostname, Instant lastHeartbeat, boolean live,
            List<ContainerInfo> containers, AgentCapabilities capabilities, Long clockOffsetMillis,
            Instant heartbeatSentAt) {
    }
}
