package dev.faultline.observer.run;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunFinished;
import dev.faultline.common.event.RunStarted;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.outbound.VerdictPublisher;
import dev.faultline.observer.probe.ProbeScheduler;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Follows runs from {@link RunStarted} to {@link RunFinished} or {@link RunAborted}: probes while they run, then
 * judges and publishes the verdict and forgets them. Never blocks the caller: waiting for the last probe answers
 * happens on the probe threads.
 */
@ApplicationScoped
@Startup // creates the probe scheduler and its HTTP client at start-up, not while the first run is probing
public class RunObserver {

    private static final Logger LOG = Logger.getLogger(RunObserver.class);

    /** A run whose end never came is dropped this long after its window closed, so that memory stays bounded. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private final ConcurrentMap<String, RunObservation> runs = new ConcurrentHashMap<>();
    private final Clock clock;
    private final ProbeScheduler scheduler;
    private final VerdictPublisher publisher;

    @Inject
    public RunObserver(Clock clock, ProbeScheduler scheduler, VerdictPublisher publisher) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.publisher = publisher;
    }

    public void onEvent(ChaosEvent event) {
        if (event instanceof RunStarted started) {
            start(started);
        } else if (event instanceof FaultInjected injected) {
            withRun(injected.runId(), run -> run.injected(injected));
        } else if (event instanceof FaultFailed failed) {
            withRun(failed.runId(), run -> run.failed(failed));
        } else if (event instanceof RunFinished finished) {
            finish(finished.runId(), null);
        } else if (event instanceof RunAborted aborted) {
            finish(aborted.runId(), aborted.reason());
        }
    }

    /** Whether a run is being observed; for health and tests. */
    public boolean observing(String runId) {
        return runs.containsKey(runId);
    }

    private void start(RunStarted event) {
        Instant now = clock.instant();
        forgetAbandoned(now);
        if (!event.observeUntil().isAfter(now)) {
            LOG.infof("run %s: ignoring RunStarted, its window closed at %s (a replay)", event.runId(),
                    event.observeUntil());
            return;
        }
        RunObservation run = new RunObservation(event);
        if (runs.putIfAbsent(event.runId(), run) != null) {
            LOG.debugf("run %s: already observed", event.runId());
            return;
        }
        for (HttpProbe probe : event.experiment().steadyState().probes()) {
            run.probing(scheduler.start(probe, event.observeUntil(), run::record));
        }
        LOG.infof("run %s: observing %s until %s with %d probe(s)", event.runId(), event.experiment().name(),
                event.observeUntil(), event.experiment().steadyState().probes().size());
    }

    private void finish(String runId, String abortReason) {
        RunObservation run = runs.remove(runId);
        if (run == null) {
            LOG.debugf("run %s: end of a run this observer does not follow", runId);
            return;
        }
        Instant stoppedAt = clock.instant();
        Instant observeUntil = run.started().observeUntil();
        Instant windowEnd = stoppedAt.isBefore(observeUntil) ? stoppedAt : observeUntil;
        run.stopProbes().whenComplete((ignored, error) -> {
            try {
                RunVerdict verdict = VerdictJudge.judge(run.snapshot(windowEnd, abortReason), clock.instant());
                LOG.infof("run %s: verdict %s, findings %s", runId, verdict.verdict(), verdict.findings());
                publisher.publish(verdict);
            } catch (RuntimeException e) {
                LOG.errorf(e, "run %s: could not judge the run", runId);
            }
        });
    }

    private void withRun(String runId, Consumer<RunObservation> action) {
        RunObservation run = runs.get(runId);
        if (run == null) {
            LOG.debugf("run %s: event for a run this observer does not follow", runId);
            return;
        }
        action.accept(run);
    }

    private void forgetAbandoned(Instant now) {
        runs.values().removeIf(run -> {
            boolean abandoned = run.started().observeUntil().plus(ABANDONED_AFTER).isBefore(now);
            if (abandoned) {
                LOG.warnf("run %s: no RunFinished or RunAborted %s after its window closed; forgetting it without a"
                        + " verdict", run.started().runId(), ABANDONED_AFTER);
                run.stopProbes();
            }
            return abandoned;
        });
    }
}
