package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import dev.faultline.orchestrator.schedule.HaltLatch;
import dev.faultline.orchestrator.schedule.Schedules;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Lifts the latch a halt set: schedules start runs again from their next occurrence (the ones skipped while halted
 * stay skipped). Runs aborted by the halt are not restarted.
 */
@Path("/api/v1/resume")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "halt", description = "The emergency stop")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = ApiError.FORBIDDEN,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class ResumeResource {

    @Inject
    Schedules schedules;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    Clock clock;

    @POST
    @Operation(summary = "Lets schedules start runs again after a halt", description = "Needs the operator role."
            + " Runs aborted by the halt are not restarted.")
    @APIResponse(responseCode = "200", description = "The latch is lifted (wasHalted: whether one was set)",
            content = @Content(schema = @Schema(implementation = ResumeAnswer.class)))
    public ResumeAnswer resume() {
        Optional<HaltLatch> released = new AuditedAction(audit, caller).run("resume", () -> "schedules",
                schedules::releaseLatch, latch -> AuditedAction.Outcome.of(latch
                        .map(l -> "ok: halt latch of " + l.operator() + " (" + l.reason() + ") released")
                        .orElse("ok: nothing was halted")), AuditedAction.FAILED);
        return new ResumeAnswer(released.isPresent(), released.orElse(null), caller.name(), clock.instant());
    }

    /** Whether a latch was set, which one, and who lifted it when. */
    public record ResumeAnswer(boolean wasHalted, HaltLatch released, String operator, Instant resumedAt) {
    }
}
