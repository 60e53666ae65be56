package dev.faultline.orchestrator.schedule;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.orchestrator.audit.AuditLog;
import dev.faultline.orchestrator.run.Run;
import dev.faultline.orchestrator.run.RunCoordinator;
import dev.faultline.orchestrator.run.RunRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The runs of scheduled occurrences, through the same coordinator as {@code POST /api/v1/runs}: the pre-check is the
 * dry run (targets resolved from the agents' latest inventories, so a target that is not running is "already down";
 * integrity and metrics preflight) followed by one attempt of each HTTP and TCP probe ({@link SteadyStatePrecheck});
 * the start is {@link RunCoordinator#start}, audited as the schedule's.
 */
@ApplicationScoped
public class CoordinatorScheduledRuns implements ScheduledRuns {

    private final RunCoordinator coordinator;
    private final RunRegistry registry;
    private final AuditLog audit;
    private final SteadyStatePrecheck probes = new SteadyStatePrecheck();

    @Inject
    public CoordinatorScheduledRuns(RunCoordinator coordinator, RunRegistry registry, AuditLog audit) {
        this.coordinator = coordinator;
        this.registry = registry;
        this.audit = audit;
    }

    @Override
    public Optional<Skip> precheck(Experiment experiment) {
        try {
            coordinator.dryRun(experiment);
        } catch (RuntimeException refusal) {
            return Optional.of(Guards.fromRefusal(refusal));
        }
        return probes.check(experiment);
    }

    @Override
    public String start(Schedule schedule, Experiment experiment) {
        String operator = "schedule " + schedule.id() + " of " + schedule.createdBy();
        try {
            Run run = coordinator.start(experiment, schedule.id(), schedule.alertOn());
            audit.record(operator, "operator", "scheduled-run", experiment.name(), "ok: run " + run.id()
                    + " (experiment sha256 " + schedule.experimentSha256() + ")", run.id());
            return run.id();
        } catch (RuntimeException e) {
            audit.record(operator, "operator", "scheduled-run", experiment.name(),
                    "rejected: " + e.getClass().getSimpleName(), null);
            throw e;
        }
    }

    @Override
    public boolean active(String runId) {
        return registry.find(runId).map(run -> !run.state().terminal()).orElse(false);
    }
}
