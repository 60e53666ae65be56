package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.validation.Checks;
import dev.faultline.observer.probe.ProbeSample;
import java.time.Instant;
import java.util.List;

/**
 * Everything observed of one run once its probes stopped: the input of {@link VerdictJudge}.
 *
 * @param plannedInjectAt when the first fault was due; the steady state is checked before it if no fault came
 * @param windowEnd       when observation stopped (the end of the run's window, or earlier if it ended early)
 * @param abortReason     why the run was aborted, null when it finished normally
 */
public record ObservedRun(
        String runId,
        Experiment experiment,
        Instant plannedInjectAt,
        List<FaultInjected> injections,
        List<FaultFailed> failures,
        List<ProbeSample> samples,
        Instant windowEnd,
        String abortReason) {

    public ObservedRun {
        Checks.start()
                .notBlank(runId, "runId")
                .notNull(experiment, "experiment")
                .notNull(plannedInjectAt, "plannedInjectAt")
                .notNull(windowEnd, "windowEnd")
                .throwIfAny();
        injections = injections == null ? List.of() : List.copyOf(injections);
        failures = failures == null ? List.of() : List.copyOf(failures);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    public boolean aborted() {
        return abortReason != null;
    }
}
