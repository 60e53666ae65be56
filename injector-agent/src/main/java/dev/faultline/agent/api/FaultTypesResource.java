package dev.faultline.agent.api;

import dev.faultline.agent.fault.FaultExecutorRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What this agent can do, for operators and the orchestrator's dry run. */
@Path("/api/v1/faults")
@Produces(MediaType.APPLICATION_JSON)
public class FaultTypesResource {

    private final FaultExecutorRegistry executors;

    @Inject
    public FaultTypesResource(FaultExecutorRegistry executors) {
        this.executors = executors;
    }

    @GET
    public List<FaultTypeView> list() {
        return FaultExecutorRegistry.knownTypes().stream()
                .map(type -> new FaultTypeView(type, executors.supports(type)))
                .toList();
    }
}
