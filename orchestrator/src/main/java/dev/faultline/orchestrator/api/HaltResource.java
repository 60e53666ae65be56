package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import dev.faultline.orchestrator.run.RunCoordinator;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The emergency stop: every agent reverts every fault it has in effect, and every run still going is aborted.
 * Each agent answers on {@code chaos-events} with a FaultReverted (cause {@code halted}) per fault and an
 * {@code agent-halted} summary carrying {@link RunCoordinator.HaltResult#haltMessageId()}.
 */
@Path("/api/v1/halt")
@Produces(MediaType.APPLICATION_JSON)
public class HaltResource {

    @Inject
    RunCoordinator coordinator;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;

    @POST
    public HaltAnswer halt(@QueryParam("reason") String reason) {
        String why = reason == null || reason.isBlank() ? "operator halt" : reason.strip();
        if (why.length() > 500) {
            why = why.substring(0, 500);
        }
        try {
            RunCoordinator.HaltResult result = coordinator.haltAll(caller.name(), why);
            audit.record(caller.name(), caller.role().wireName(), "halt", "all",
                    "ok: HaltAll " + result.haltMessageId() + ", aborted " + result.abortedRuns(), null);
            return new HaltAnswer(result.haltMessageId(), result.haltedAt(), caller.name(), why, result.abortedRuns());
        } catch (RuntimeException e) {
            audit.record(caller.name(), caller.role().wireName(), "halt", "all", "failed: " + e.getMessage(), null);
            throw e;
        }
    }

    /** What the halt did: the HaltAll sent (agents' agent-halted events carry its id) and the runs aborted. */
    public record HaltAnswer(String haltMessageId, java.time.Instant haltedAt, String operator, String reason,
            java.util.List<String> abortedRuns) {
    }
}
