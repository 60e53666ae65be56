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
import dev.faultline.orchestrator.run.RunRegistry;
import dev.faultline.orchestrator.run.RunView;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/** Operators start experiments and follow runs here. */
@Path("/api/v1/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunCoordinator coordinator;
    @Inject
    RunRegistry runs;
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
    public Response start(String body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @QueryParam("dryRun") boolean dryRun) {
        ExperimentParser.Format format = contentType != null && contentType.toLowerCase().contains("json")
                ? ExperimentParser.Format.JSON
                : ExperimentParser.Format.YAML;
        String action = dryRun ? "dry-run" : "start-run";
        String subject = "(unparsed experiment)";
        try {
            Experiment experiment = parser.parse(body, format);
            subject = experiment.name();
            if (dryRun) {
                List<PlannedFault> plan = coordinator.dryRun(experiment);
                audit.record(caller.name(), caller.role().wireName(), action, subject,
                        "ok: " + plan.size() + " fault(s) planned, nothing sent", null);
                return Response.ok(new DryRunResult(experiment, plan, agentsOf(plan))).build();
            }
            Run run = coordinator.start(experiment);
            audit.record(caller.name(), caller.role().wireName(), action, subject, "ok: run " + run.id(), run.id());
            return Response.created(URI.create("/api/v1/runs/" + run.id())).entity(run.view(clock.instant())).build();
        } catch (RuntimeException e) {
            audit.record(caller.name(), caller.role().wireName(), action, subject,
                    "rejected: " + e.getClass().getSimpleName(), null);
            throw e;
        }
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
    public List<RunView> list() {
        return runs.all().stream().map(Run::view).toList();
    }

    @GET
    @Path("{runId}")
    public RunView get(@PathParam("runId") String runId) {
        return find(runId).view(clock.instant());
    }

    @GET
    @Path("{runId}/summary")
    @Produces(MediaType.TEXT_PLAIN)
    public String summary(@PathParam("runId") String runId) {
        return RunSummary.render(find(runId).view(clock.instant()));
    }

    private Run find(String runId) {
        return runs.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    /** What a run of this experiment would do now. */
    public record DryRunResult(Experiment experiment, List<PlannedFault> plan, List<PlannedAgent> agents) {
    }

    /** One agent of a plan: how many faults it would apply, and when it last reported. */
    public record PlannedAgent(String agentId, String hostname, int faults, java.time.Instant lastHeartbeat) {
    }
}
