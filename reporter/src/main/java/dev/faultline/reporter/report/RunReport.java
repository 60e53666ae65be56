package dev.faultline.reporter.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.verdict.RunVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a report shows about one run: the verdict and the run's events, oldest first. This record is also the
 * shape of {@code report.json}.
 *
 * @param experiment the experiment as RunStarted carried it; null when that event was never stored
 */
public record RunReport(
        String runId,
        @JsonInclude(JsonInclude.Include.ALWAYS) Experiment experiment,
        RunVerdict verdict,
        List<ChaosEvent> events) {

    public RunReport {
        Checks.start()
                .notBlank(runId, "runId")
                .notNull(verdict, "verdict")
                .require(verdict == null || runId == null || runId.equals(verdict.runId()), "verdict",
                        "belongs to run " + (verdict == null ? null : verdict.runId()) + ", not " + runId)
                .throwIfAny();
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * The report of a verdict and the events stored for its run. The experiment comes from the stored RunStarted,
     * else from {@code storedExperiment} (the run item), else it is unknown.
     */
    public static RunReport of(RunVerdict verdict, List<ChaosEvent> events,
            Optional<Experiment> storedExperiment) {
        Experiment experiment = events.stream()
                .filter(RunStarted.class::isInstance)
                .map(e -> ((RunStarted) e).experiment())
                .findFirst()
                .or(() -> storedExperiment)
                .orElse(null);
        return new RunReport(verdict.runId(), experiment, verdict, events);
    }

    /** When the run started (RunStarted's timestamp), if that event was stored. */
    public Optional<Instant> startedAt() {
        return first(RunStarted.class).map(RunStarted::timestamp);
    }

    /** When the observation window closed, or when the run was aborted. */
    public Optional<Instant> finishedAt() {
        return first(RunFinished.class).map(RunFinished::finishedAt)
                .or(() -> first(RunAborted.class).map(RunAborted::timestamp));
    }

    public Optional<RunAborted> aborted() {
        return first(RunAborted.class);
    }

    private <E extends ChaosEvent> Optional<E> first(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
