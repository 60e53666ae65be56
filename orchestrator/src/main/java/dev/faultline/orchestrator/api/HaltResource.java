package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import dev.faultline.orchestrator.run.RunCoordinator;
import dev.faultline.orchestrator.schedule.HaltLatch;
import dev.faultline.orchestrator.schedule.Schedules;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The emergency stop: every agent reverts every fault it has in effect, and every run still going is aborted.
 * Each agent answers on {@code chaos-events} with a FaultReverted (cause {@code halted}) per fault and an
 * {@code agent-halted} summary carrying {@link RunCoordinator.HaltResult#haltMessageId()}. A halt also latches the
 * schedules: none starts a run until an operator calls {@code POST /api/v1/resume} ({@link ResumeResource}).
 */
@Path("/api/v1/halt")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "halt", description = "The emergency stop")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = ApiError.FORBIDDEN,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class HaltResource {

    @Inject
    RunCoordinator coordinator;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    Schedules schedules;

    @POST
    @Operation(summary = "Emergency stop: every agent reverts every fault, every run still going is aborted",
            description = "Needs the operator role. Agents answer on chaos-events with a fault-reverted per fault and"
                    + " an agent-halted carrying haltMessageId.")
    @APIResponse(responseCode = "200", description = "The HaltAll was sent",
            content = @Content(schema = @Schema(implementation = HaltAnswer.class)))
    @APIResponse(responseCode = "503", description = "The broker is unavailable: the HaltAll was not sent",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public HaltAnswer halt(@Parameter(description = "why, for the audit log and the runs' abort reason (at most 500"
            + " characters)") @QueryParam("reason") String reason) {
        String given = reason == null || reason.isBlank() ? "operator halt" : reason.strip();
        String why = given.length() > 500 ? given.substring(0, 500) : given;
        // This instance's schedules are held at once (in memory), the HaltAll goes out, and only then is the latch
        // stored for every instance: reverting must not wait for the schedule store.
        HaltLatch latch = schedules.holdHere(caller.name(), why);
        return new AuditedAction(audit, caller).run("halt", () -> "all", () -> {
            RunCoordinator.HaltResult result;
            try {
                result = coordinator.haltAll(caller.name(), why);
            } catch (RuntimeException e) {
                schedules.storeLatch(latch); // a halt that failed to go out still holds the schedules
                throw e;
            }
            boolean latched = schedules.storeLatch(latch);
            return new HaltAnswer(result.haltMessageId(), result.haltedAt(), caller.name(), why,
                    result.abortedRuns(), latched);
        }, answer -> AuditedAction.Outcome.of("ok: HaltAll " + answer.haltMessageId() + ", aborted "
                + answer.abortedRuns() + (answer.schedulesHeld() ? ", schedules held until POST /api/v1/resume"
                        : ", schedules held on this instance only (the latch could not be stored)")),
                AuditedAction.FAILED);
    }

    @GET
    @Operation(summary = "Whether the halt latch holds the schedules, and whose halt set it",
            description = "Needs the viewer role. The live page shows it, with a resume button.")
    @APIResponse(responseCode = "200", description = "halted false, or true with the latch",
            content = @Content(schema = @Schema(implementation = HaltState.class)))
    public HaltState state() {
        Optional<HaltLatch> latch = schedules.currentLatch();
        return new HaltState(latch.isPresent(), latch.orElse(null));
    }

    /** Whether schedules are held after a halt (until {@code POST /api/v1/resume}), and the latch that holds them. */
    public record HaltState(boolean halted, HaltLatch latch) {
    }

    /**
     * What the halt did: the HaltAll sent (agents' agent-halted events carry its id), the runs aborted, and whether
     * the schedules of every instance are held until a resume (false: the latch could not be stored, only this
     * instance holds its schedules).
     */
    public record HaltAnswer(String haltMessageId, java.time.Instant haltedAt, String operator, String reason,
            java.util.List<String> abortedRuns, boolean schedulesHeld) {
    }
}
