package dev.faultline.observer.run;

import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.TargetStateChanged;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.observer.load.LoadResponse;
import dev.faultline.observer.patterns.MetricsPoll;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.service.ServiceSamples;
import java.time.Instant;
import java.util.List;

/**
 * Everything observed of one run once its probes stopped: the input of {@link VerdictJudge}.
 *
 * @param plannedInjectAt when the first fault was due; the steady state is checked before it if no fault came
 * @param windowEnd       when observation stopped (the end of the run's window, or earlier if it ended early)
 * @param abortReason     why the run was aborted, null when it finished normally
 * @param load            the load test's responses, empty without a load test
 * @param polls           polls of the load balancer and metrics endpoints, empty when none is configured
 * @param pollIntervalMillis interval between two polls, the resolution of the times read from them
 * @param integrity       the data-integrity report, null when not asked for or not read back
 * @param integrityError  why the acknowledged writes could not be read back (a missing table, an unreachable
 *                        endpoint, a topic not read to its end), null when they were or were not asked for
 * @param platformStates  what the agents reported Docker said about the targets (down, up, health), empty when
 *                        nothing was reported
 * @param loadError       why the experiment's load test could not start on this host, null when it started or there
 *                        is none
 * @param services        every sample of each targeted service (its counts over the run), empty when no fault
 *                        targets a service
 * @param serviceErrors   why a targeted service could not be sampled at all (no source for its kind), one line each
 * @param fastSamples     the adaptive probes' samples (faster, around transitions), apart from {@code samples}: they
 *                        sharpen the timelines' instants and count nowhere else; empty without adaptive probing
 */
public record ObservedRun(
        String runId,
        Experiment experiment,
        Instant plannedInjectAt,
        List<FaultInjected> injections,
        List<FaultFailed> failures,
        List<ProbeSample> samples,
        Instant windowEnd,
        String abortReason,
        List<LoadResponse> load,
        List<MetricsPoll> polls,
        long pollIntervalMillis,
        IntegrityReport integrity,
        String integrityError,
        List<TargetStateChanged> platformStates,
        String loadError,
        List<ProbeSample> fastSamples,
        List<ServiceSamples> services,
        List<String> serviceErrors) {

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
        load = load == null ? List.of() : List.copyOf(load);
        polls = polls == null ? List.of() : List.copyOf(polls);
        platformStates = platformStates == null ? List.of() : List.copyOf(platformStates);
        fastSamples = fastSamples == null ? List.of() : List.copyOf(fastSamples);
        services = services == null ? List.of() : List.copyOf(services);
        serviceErrors = serviceErrors == null ? List.of() : List.copyOf(serviceErrors);
    }

    /** Without adaptive probing's fast samples and targeted services. */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity,
            String integrityError, List<TargetStateChanged> platformStates, String loadError) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, integrityError, platformStates, loadError, null, null, null);
    }

    /** Without targeted services (adaptive probing's fast samples only). */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity,
            String integrityError, List<TargetStateChanged> platformStates, String loadError,
            List<ProbeSample> fastSamples) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, integrityError, platformStates, loadError, fastSamples, null, null);
    }

    /** Without adaptive probing's fast samples (targeted services only). */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity,
            String integrityError, List<TargetStateChanged> platformStates, String loadError,
            List<ServiceSamples> services, List<String> serviceErrors) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, integrityError, platformStates, loadError, null, services,
                serviceErrors);
    }

    /** A load test that started (or none). */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity,
            String integrityError, List<TargetStateChanged> platformStates) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, integrityError, platformStates, null);
    }

    /** Without the platform's reports on the targets. */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity,
            String integrityError) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, integrityError, null, null);
    }

    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, null, null, 0,
                null, null);
    }

    /** Without a read-back error. */
    public ObservedRun(String runId, Experiment experiment, Instant plannedInjectAt, List<FaultInjected> injections,
            List<FaultFailed> failures, List<ProbeSample> samples, Instant windowEnd, String abortReason,
            List<LoadResponse> load, List<MetricsPoll> polls, long pollIntervalMillis, IntegrityReport integrity) {
        this(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd, abortReason, load, polls,
                pollIntervalMillis, integrity, null);
    }

    public boolean aborted() {
        return abortReason != null;
    }

    public ObservedRun withIntegrity(IntegrityReport report) {
        return new ObservedRun(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd,
                abortReason, load, polls, pollIntervalMillis, report, null, platformStates, loadError, fastSamples,
                services, serviceErrors);
    }

    /** The read-back failed: the verdict's check says why instead of leaving the cause in a log. */
    public ObservedRun withIntegrityError(String error) {
        return new ObservedRun(runId, experiment, plannedInjectAt, injections, failures, samples, windowEnd,
                abortReason, load, polls, pollIntervalMillis, null, error, platformStates, loadError, fastSamples,
                services, serviceErrors);
    }
}
