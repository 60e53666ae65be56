package dev.faultline.orchestrator.api;

import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.orchestrator.agents.AgentDirectory;
import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.auth.Caller;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.orchestrator.run.Run;
import dev.faultline.orchestrator.run.RunCoordinator;
import dev.faultline.orchestrator.run.PageToken;
import dev.faultline.orchestrator.run.RunHistory;
import dev.faultline.orchestrator.run.RunPage;
import dev.faultline.orchestrator.run.RunQuery;
import dev.faultline.orchestrator.run.RunView;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.run.RunState;
import dev.faultline.common.verdict.Verdict;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Operators start experiments and follow runs here. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs", description = "Start experiments, follow runs, read the run history")
@APIResponse(responseCode = "401", description = ApiError.UNAUTHENTICATED,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
@APIResponse(responseCode = "403", description = ApiError.FORBIDDEN,
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
public class RunResource {

    @Inject
    RunCoordinator coordinator;
    @Inject
    RunHistory history;
    @Inject
    AgentDirectory agents;
    @Inject
    Caller caller;
    @Inject
    AuditLog audit;
    @Inject
    Clock clock;

    private final ExperimentParser parser = new ExperimentParser();

    /**
     * Starts a run of the experiment in the body (YAML, or JSON with a JSON content type). With
     * {@code dryRun=true} only validates and resolves targets: nothing is sent.
     */
    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", "text/plain", MediaType.APPLICATION_JSON})
    @Operation(summary = "Starts a run of an experiment, or with dryRun=true only validates it and plans its faults",
            description = "Needs the operator role. The body is an experiment document (docs/experiment-format.md):"
                    + " YAML, or JSON with a JSON content type; its JSON Schema is GET /api/v1/schema/experiment.")
    @RequestBody(required = true, description = "The experiment, YAML or JSON", content = {
            @Content(mediaType = "application/yaml", schema = @Schema(type = SchemaType.OBJECT, description = ExperimentSchemaResource.BODY)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, description = ExperimentSchemaResource.BODY))})
    @APIResponse(responseCode = "201", description = "Started; Location names the run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "200", description = "Dry run: valid, and the faults it would inject now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DryRunResult.class)))
    @APIResponse(responseCode = "400", description = "The experiment is invalid: one violation per field",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Valid, but it cannot run now: targets not found, blast radius"
            + " exceeded, faults the agents cannot run, or a preflight check failed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "The broker or the run store is unavailable; nothing started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response start(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "validate and plan only; nothing is sent") @QueryParam("dryRun")
            boolean dryRun) {
        ExperimentParser.Format format = contentType != null && contentType.toLowerCase().contains("json")
                ? ExperimentParser.Format.JSON
                : ExperimentParser.Format.YAML;
        // The subject is the experiment's name once it parses; a document that does not is recorded as such.
        AtomicReference<String> subject = new AtomicReference<>("(unparsed experiment)");
        AuditedAction audited = new AuditedAction(audit, caller);
        if (dryRun) {
            return audited.run("dry-run", subject::get, () -> {
                Experiment experiment = parsed(body, format, subject);
                List<PlannedFault> plan = coordinator.dryRun(experiment);
                return Response.ok(new DryRunResult(experiment, plan, agentsOf(plan))).build();
            }, answer -> AuditedAction.Outcome.of("ok: " + ((DryRunResult) answer.getEntity()).plan().size()
                    + " fault(s) planned, nothing sent"), AuditedAction.REJECTED);
        }
        Run run = audited.run("start-run", subject::get, () -> coordinator.start(parsed(body, format, subject)),
                started -> new AuditedAction.Outcome("ok: run " + started.id(), started.id()),
                AuditedAction.REJECTED);
        return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run.view(clock.instant())).build();
    }

    private Experiment parsed(String body, ExperimentParser.Format format, AtomicReference<String> subject) {
        Experiment experiment = parser.parse(body, format);
        subject.set(experiment.name());
        return experiment;
    }

    /** The agents a plan would use, with what they reported: who would act, and on which host. */
    private List<PlannedAgent> agentsOf(List<PlannedFault> plan) {
        java.util.Map<String, Long> faults = plan.stream().collect(java.util.stream.Collectors.groupingBy(
                f -> f.target().agentId(), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        java.util.Map<String, AgentHeartbeat> live = new java.util.HashMap<>();
        agents.live().forEach(h -> live.put(h.agentId(), h));
        return faults.entrySet().stream().map(e -> {
            AgentHeartbeat h = live.get(e.getKey());
            return new PlannedAgent(e.getKey(), h == null ? null : h.hostname(), e.getValue().intValue(),
                    h == null ? null : h.timestamp());
        }).toList();
    }

    @GET
    @Operation(summary = "The run history: stored runs, newest first, filtered and paged",
            description = "Answers from the run table (DynamoDB), so runs of earlier orchestrator processes are listed;"
                    + " a run this process is driving shows its live state. Runs are kept for faultline.runs.retention"
                    + " after they end.")
    @APIResponse(responseCode = "200", description = "One page of runs",
            content = @Content(schema = @Schema(implementation = RunList.class)))
    @APIResponse(responseCode = "400", description = "A filter, the limit or the page token is invalid",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RunList list(
            @Parameter(description = "only runs of this experiment (its name)") @QueryParam("experiment")
            String experiment,
            @Parameter(description = "only judged runs with this verdict", schema = @Schema(enumeration = {"PASS",
                    "FAIL"})) @QueryParam("verdict") String verdict,
            @Parameter(description = "only runs in this state", schema = @Schema(enumeration = {"RUNNING",
                    "FINISHED", "COMPLETED", "ABORTED"})) @QueryParam("state") String state,
            @Parameter(description = "only runs created at or after this instant (ISO-8601, e.g. 2026-12-01T10:00:00Z)")
            @QueryParam("since") String since,
            @Parameter(description = "at most this many runs (1.." + RunQuery.MAX_LIMIT + ", default "
                    + RunQuery.DEFAULT_LIMIT + ")") @QueryParam("limit") String limit,
            @Parameter(description = "nextPageToken of the previous page") @QueryParam("pageToken") String pageToken) {
        RunQuery query = new RunQuery(blankToNull(experiment), QueryParams.enumValue(Verdict.class, "verdict", verdict),
                QueryParams.enumValue(RunState.class, "state", state), QueryParams.instant("since", since),
                QueryParams.integer("limit", limit, RunQuery.DEFAULT_LIMIT, 1, RunQuery.MAX_LIMIT),
                pageToken == null || pageToken.isBlank() ? null : PageToken.decode(pageToken));
        RunPage page = history.page(query);
        java.time.Instant now = clock.instant();
        return new RunList(page.runs().stream().map(run -> run.view(now)).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @GET
    @Path("{runId}")
    @Operation(summary = "One run: its plan, faults injected and failed, and its verdict once judged",
            description = "Live while this process drives it, else as stored (also after a restart).")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(schema = @Schema(implementation = RunView.class)))
    @APIResponse(responseCode = "404", description = "No such run (never started, or past the retention)",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public RunView get(@PathParam("runId") String runId) {
        return find(runId).view(clock.instant());
    }

    @GET
    @Path("{runId}/summary")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "One run in a few lines of text, for terminals")
    @APIResponse(responseCode = "200", description = "The summary",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public String summary(@PathParam("runId") String runId) {
        return RunSummary.render(find(runId).view(clock.instant()));
    }

    /**
     * Aborts one run (operator): its lasting faults are reverted now, it gets no verdict. {@code 409} when it has
     * already ended. The CLI sends it when Ctrl-C is answered with yes.
     */
    @POST
    @Path("{runId}/abort")
    public RunView abort(@PathParam("runId") String runId, @QueryParam("reason") String reason) {
        String why = reason == null || reason.isBlank() ? "operator abort" : reason.strip();
        why = why.length() > 500 ? why.substring(0, 500) : why;
        Run run = find(runId);
        if (!coordinator.abortRun(run, caller.name(), why)) {
            audit.record(caller.name(), caller.role().wireName(), "abort-run", runId,
                    "refused: already " + run.state(), runId);
            throw new WebApplicationException("run " + runId + " has already ended (" + run.state()
                    + "); nothing to abort", 409);
        }
        audit.record(caller.name(), caller.role().wireName(), "abort-run", runId, "ok: " + why, runId);
        return run.view(clock.instant());
    }

    private Run find(String runId) {
        return history.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * A page of the run history.
     *
     * @param nextPageToken pass as {@code pageToken} for the next page; null on the last page
     */
    public record RunList(List<RunView> runs,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Schema(nullable = true) String nextPageToken) {
    }

    /** What a run of this experiment would do now. */
    public record DryRunResult(Experiment experiment, List<PlannedFault> plan, List<PlannedAgent> agents) {
    }

    /** One agent of a plan: how many faults it would apply, and when it last reported. */
    public record PlannedAgent(String agentId, String hostname, int faults, java.time.Instant lastHeartbeat) {
    }
}
