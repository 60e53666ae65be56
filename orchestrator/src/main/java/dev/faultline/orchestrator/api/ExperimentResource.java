package dev.faultline.orchestrator.api;

import dev.faultline.common.verdict.ExperimentTrend;
import dev.faultline.orchestrator.run.RunHistory;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Per experiment, across its runs: the trend. */
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "experiments", description = "How an experiment fared over its runs")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class ExperimentResource {

    static final int DEFAULT_LAST = 10;
    static final int MAX_LAST = 100;

    @Inject
    RunHistory history;

    @GET
    @Path("{name}/trend")
    @Operation(summary = "The experiment's last N runs: verdict, resilience score, recovery per target,"
            + " availability, error rate; pass rate and mean score over them",
            description = "From the stored runs, newest first. The score is defined in docs/verdict.md (\"Resilience"
                    + " score\"). An experiment without runs has an empty trend.")
    @APIResponse(responseCode = "200", description = "The trend",
            content = @Content(schema = @Schema(implementation = ExperimentTrend.class)))
    @APIResponse(responseCode = "400", description = "last is not a whole number from 1 to " + MAX_LAST,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ExperimentTrend trend(@Parameter(description = "the experiment's name") @PathParam("name") String name,
            @Parameter(description = "how many of its latest runs (1.." + MAX_LAST + ", default " + DEFAULT_LAST + ")")
            @QueryParam("last") String last) {
        return history.trend(name, QueryParams.integer("last", last, DEFAULT_LAST, 1, MAX_LAST));
    }
}
