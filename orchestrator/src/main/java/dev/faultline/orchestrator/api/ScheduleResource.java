package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import dev.faultline.orchestrator.schedule.OccurrenceRecord;
import dev.faultline.orchestrator.schedule.ScheduleRequest;
import dev.faultline.orchestrator.schedule.ScheduleView;
import dev.faultline.orchestrator.schedule.Schedules;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Schedules: runs of an experiment on a cron, without anyone starting them (docs/schedules.md). */
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "schedules", description = "Runs of an experiment on a cron, in a time zone, inside allowed windows")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = ApiError.FORBIDDEN,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class ScheduleResource {

    private static final String NOT_FOUND = "No schedule with this id";

    @Inject
    Schedules schedules;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Adds a schedule", description = "Needs the operator role. experiment: YAML text or a JSON"
            + " object; cron: Quartz (seconds first); zone defaults to UTC; windows, randomOffset and announceAhead"
            + " optional. See docs/schedules.md.")
    @APIResponse(responseCode = "201", description = "The schedule, with its next occurrence",
            content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid: one violation per field",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response add(@RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ScheduleRequest.class))) String body) {
        ScheduleView added = audited("add-schedule", "(new schedule)",
                () -> schedules.add(ScheduleRequest.read(body), caller.name()),
                v -> "ok: schedule " + v.scheduleId() + " of " + v.experimentName() + " (sha256 "
                        + v.experimentSha256() + "), cron '" + v.cron() + "' in " + v.zone());
        return Response.created(URI.create("/api/v1/schedules/" + added.scheduleId())).entity(added).build();
    }

    @GET
    @Operation(summary = "Every schedule, oldest first")
    public List<ScheduleView> list() {
        return schedules.list();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One schedule, with its stored experiment document")
    @APIResponse(responseCode = "200", description = "The schedule",
            content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleView get(@PathParam("id") String id) {
        return schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
    }

    /** What became of the schedule's occurrences, newest first: started (with the run) or skipped (with why). */
    @GET
    @Path("{id}/occurrences")
    @Operation(summary = "What became of the schedule's occurrences, newest first (limit 1..500, default 20)")
    public List<OccurrenceRecord> occurrences(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        get(id);
        return schedules.occurrences(id, Math.max(1, Math.min(limit, 500)));
    }

    @POST
    @Path("{id}/pause")
    @Operation(summary = "Pauses a schedule: it starts nothing until resumed", description = "Needs the operator role.")
    @APIResponse(responseCode = "200", description = "The paused schedule",
            content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleView pause(@PathParam("id") String id) {
        return audited("pause-schedule", id, () -> schedules.pause(id, true)
                .orElseThrow(() -> new ScheduleNotFoundException(id)), v -> "ok: paused");
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Resumes a schedule from its next occurrence", description = "Needs the operator role.")
    @APIResponse(responseCode = "200", description = "The resumed schedule",
            content = @Content(schema = @Schema(implementation = ScheduleView.class)))
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ScheduleView resume(@PathParam("id") String id) {
        return audited("resume-schedule", id, () -> schedules.pause(id, false)
                .orElseThrow(() -> new ScheduleNotFoundException(id)), v -> "ok: resumed, next occurrence "
                        + (v.nextOccurrence() == null ? "none" : v.nextOccurrence().startAt()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Removes a schedule (its occurrences' records stay)", description = "Needs the operator role.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = NOT_FOUND,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response remove(@PathParam("id") String id) {
        audited("remove-schedule", id, () -> {
            if (!schedules.remove(id)) {
                throw new ScheduleNotFoundException(id);
            }
            return id;
        }, v -> "ok: removed");
        return Response.noContent().build();
    }

    /** Every change is on the audit trail, refused ones too, like the runs API's. */
    private <T> T audited(String action, String subject, Supplier<T> change,
            java.util.function.Function<T, String> outcome) {
        return new AuditedAction(audit, caller).run(action, () -> subject, change,
                result -> AuditedAction.Outcome.of(outcome.apply(result)), AuditedAction.REJECTED);
    }
}
