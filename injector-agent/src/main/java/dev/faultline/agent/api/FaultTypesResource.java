package dev.faultline.agent.api;

import dev.faultline.agent.capability.CapabilityReport;
import dev.faultline.common.capability.AgentCapabilities;
import dev.faultline.common.capability.Capability;
import dev.faultline.common.fault.FaultSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What this agent can do, for operators ({@code ./faultline faults}) and for the orchestrator's dry run. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class FaultTypesResource {

    private final CapabilityReport capabilities;

    @Inject
    public FaultTypesResource(CapabilityReport capabilities) {
        this.capabilities = capabilities;
    }

    /** Every fault type of the contract, sorted, whether it lasts, whether this host can run it and why not. */
    @GET
    @Path("faults")
    public List<FaultTypeView> faults() {
        return capabilities.current().faults().keySet().stream().sorted()
                .map(type -> {
                    Capability c = capabilities.fault(type);
                    return new FaultTypeView(type, FaultSpec.lasting(FaultSpec.specClassOf(type)), c.available(),
                            c.detail());
                })
                .toList();
    }

    /** The host features behind those answers, as the heartbeat reports them. */
    @GET
    @Path("capabilities")
    public AgentCapabilities capabilities() {
        return capabilities.current();
    }
}
