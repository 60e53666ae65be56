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

/** Schedules: runs of an experiment on a cron, without anyone starting them (docs/schedules.md). */
@Path("/api/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class ScheduleResource {

    @Inject
    Schedules schedules;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(ScheduleRequest request) {
        if (request == null) {
            throw new ScheduleRequest.InvalidScheduleException(List.of(new dev.faultline.common.validation.Violation(
                    "", "a JSON body {experiment, cron, zone, windows, randomOffset, announceAhead} is required")));
        }
        ScheduleView added = audited("add-schedule", "(new schedule)", () -> schedules.add(request, caller.name()),
                v -> "ok: schedule " + v.scheduleId() + " of " + v.experimentName() + " (sha256 "
                        + v.experimentSha256() + "), cron '" + v.cron() + "' in " + v.zone());
        return Response.created(URI.create("/api/v1/schedules/" + added.scheduleId())).entity(added).build();
    }

    @GET
    public List<ScheduleView> list() {
        return schedules.list();
    }

    @GET
    @Path("{id}")
    public ScheduleView get(@PathParam("id") String id) {
        return schedules.find(id).orElseThrow(() -> new ScheduleNotFoundException(id));
    }

    /** What became of the schedule's occurrences, newest first: started (with the run) or skipped (with why). */
    @GET
    @Path("{id}/occurrences")
    public List<OccurrenceRecord> occurrences(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        get(id);
        return schedules.occurrences(id, Math.max(1, Math.min(limit, 500)));
    }

    @POST
    @Path("{id}/pause")
    public ScheduleView pause(@PathParam("id") String id) {
        return audited("pause-schedule", id, () -> schedules.pause(id, true)
                .orElseThrow(() -> new ScheduleNotFoundException(id)), v -> "ok: paused");
    }

    @POST
    @Path("{id}/resume")
    public ScheduleView resume(@PathParam("id") String id) {
        return audited("resume-schedule", id, () -> schedules.pause(id, false)
                .orElseThrow(() -> new ScheduleNotFoundException(id)), v -> "ok: resumed, next occurrence "
                        + (v.nextOccurrence() == null ? "none" : v.nextOccurrence().startAt()));
    }

    @DELETE
    @Path("{id}")
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
        try {
            T result = change.get();
            audit.record(caller.name(), caller.role().wireName(), action, subject, outcome.apply(result), null);
            return result;
        } catch (RuntimeException e) {
            audit.record(caller.name(), caller.role().wireName(), action, subject,
                    "rejected: " + e.getClass().getSimpleName(), null);
            throw e;
        }
    }
}
