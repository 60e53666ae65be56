package dev.faultline.orchestrator.api;

import dev.faultline.orchestrator.dispatch.PublishFailedException;
import dev.faultline.common.experiment.InvalidExperimentException;
import dev.faultline.orchestrator.preflight.PreflightFailedException;
import dev.faultline.orchestrator.run.CapabilityCheck.UnsupportedFaultException;
import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.orchestrator.run.PageToken;
import dev.faultline.orchestrator.run.RunStore;
import dev.faultline.orchestrator.run.RunPlanner.UnresolvableTargetsException;
import dev.faultline.orchestrator.schedule.ScheduleRequest;
import dev.faultline.orchestrator.schedule.ScheduleStore;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures to answers an operator can act on. Unexpected ones get a reference to find them in the log. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidExperiment(InvalidExperimentException e) {
        return json(400, ApiError.of("invalid experiment", e.violations()));
    }

    @ServerExceptionMapper
    public Response unresolvableTargets(UnresolvableTargetsException e) {
        return json(422, ApiError.of("the experiment is valid but its targets cannot be resolved now",
                e.violations()));
    }

    @ServerExceptionMapper
    public Response unsupportedFault(UnsupportedFaultException e) {
        return json(422, ApiError.of("the experiment is valid but the chosen agents cannot run some of its faults",
                e.violations()));
    }

    @ServerExceptionMapper
    public Response blastRadiusExceeded(RunPlanner.BlastRadiusExceededException e) {
        return json(422, ApiError.of("the experiment exceeds the blast-radius caps", e.violations()));
    }

    @ServerExceptionMapper
    public Response preflightFailed(PreflightFailedException e) {
        return json(422, ApiError.of(e.what(), e.violations()));
    }

    @ServerExceptionMapper
    public Response invalidSchedule(ScheduleRequest.InvalidScheduleException e) {
        return json(400, ApiError.of("invalid schedule", e.violations()));
    }

    @ServerExceptionMapper
    public Response scheduleNotFound(ScheduleNotFoundException e) {
        return json(404, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response scheduleStoreUnavailable(ScheduleStore.ScheduleStoreException e) {
        LOG.error("the schedule store failed", e);
        return json(503, ApiError.of("the schedule store is unavailable: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response runNotFound(RunNotFoundException e) {
        return json(404, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response invalidPageToken(PageToken.InvalidPageTokenException e) {
        return json(400, ApiError.of(e.getMessage()));
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishFailedException e) {
        LOG.error("publishing failed", e);
        return json(503, ApiError.of("the message broker is unavailable; nothing was started: " + e.getMessage()));
    }

    /** A run that could not be stored is not started: a restart could not account for it. */
    @ServerExceptionMapper
    public Response runStoreUnavailable(RunStore.RunStoreException e) {
        LOG.error("the run store failed", e);
        return json(503, ApiError.of("the run store is unavailable: " + e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return json(status, ApiError.of(e.getMessage() == null ? Response.Status.fromStatusCode(status).toString()
                : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error, reference %s", reference);
        return json(500, new ApiError("internal error; the orchestrator log has the details", null, reference));
    }

    private static Response json(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(error).build();
    }
}
