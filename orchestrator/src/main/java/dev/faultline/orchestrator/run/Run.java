package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.verdict.RunProgress;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.common.verdict.SloBreached;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One run and where it stands in the shared lifecycle ({@link RunState}): every move is checked against it, so a late
 * event never moves a run backwards. Synchronized: Kafka consumers and the timer touch a run from different threads.
 */
public final class Run {

    private static final Logger LOG = Logger.getLogger(Run.class);

    private final String id;
    private final Experiment experiment;
    private final List<PlannedFault> plan;
    private final Instant createdAt;
    private final Instant injectAt;
    private final Instant observeUntil;

    private RunState state = RunState.initial();
    private final Map<String, FaultInjected> injected = new LinkedHashMap<>();
    private final Map<String, FaultFailed> failed = new LinkedHashMap<>();
    private final Map<String, FaultReverted> reverted = new LinkedHashMap<>();
    /** By message id: a redelivered breach is the same breach. */
    private final Map<String, SloBreached> breaches = new LinkedHashMap<>();
    /**
     * In memory only, never stored: the observer replaces it about every second, and the verdict holds everything it
     * tells, so a restart loses nothing worth a store write per second.
     */
    private RunProgress progress;
    private RunVerdict verdict;
    private String abortReason;
    private Instant endedAt;

    public Run(String id, Experiment experiment, List<PlannedFault> plan, Instant createdAt, Instant injectAt,
            Instant observeUntil) {
        this.id = Objects.requireNonNull(id);
        this.experiment = Objects.requireNonNull(experiment);
        this.plan = List.copyOf(plan);
        this.createdAt = createdAt;
        this.injectAt = injectAt;
        this.observeUntil = observeUntil;
    }

    /** A run as the {@link RunStore} recorded it: its state, events seen, verdict and abort reason as they were. */
    static Run restore(Experiment experiment, RunView view) {
        Run run = new Run(view.runId(), experiment, view.plan(), view.createdAt(), view.injectAt(),
                view.observeUntil());
        run.state = view.state();
        view.injected().forEach(e -> run.injected.put(e.faultId(), e));
        view.failed().forEach(e -> run.failed.put(e.faultId(), e));
        view.reverted().forEach(e -> run.reverted.put(e.faultId(), e));
        view.breaches().forEach(b -> run.breaches.put(b.messageId(), b));
        run.verdict = view.verdict();
        run.abortReason = view.abortReason();
        run.endedAt = view.endedAt();
        return run;
    }

    public String id() {
        return id;
    }

    public Experiment experiment() {
        return experiment;
    }

    public List<PlannedFault> plan() {
        return plan;
    }

    public synchronized RunState state() {
        return state;
    }

    public synchronized void faultInjected(FaultInjected event) {
        injected.putIfAbsent(event.faultId(), event);
    }

    public synchronized void faultFailed(FaultFailed event) {
        failed.putIfAbsent(event.faultId(), event);
    }

    /** Recorded whatever the run's state: reverts of an aborted run's faults arrive after the abort. */
    public synchronized void faultReverted(FaultReverted event) {
        reverted.putIfAbsent(event.faultId(), event);
    }

    /** @return false when this breach was recorded already (a redelivery) */
    public synchronized boolean breached(SloBreached breach) {
        return breaches.putIfAbsent(breach.messageId(), breach) == null;
    }

    /** Keeps the newer of this progress and the one held: messages may arrive out of order. */
    public synchronized void progressed(RunProgress latest) {
        if (progress == null || latest.timestamp().isAfter(progress.timestamp())) {
            progress = latest;
        }
    }

    /** The observation window closed. @return false if the run was already past that point. */
    public synchronized boolean finish(Instant at) {
        if (!moveTo(RunState.FINISHED)) {
            return false;
        }
        endedAt = at;
        return true;
    }

    /** The verdict arrived; accepted while running too, in case the window's end and the verdict cross. */
    public synchronized boolean complete(RunVerdict runVerdict, Instant at) {
        if (!moveTo(RunState.COMPLETED)) {
            return false;
        }
        verdict = runVerdict;
        if (endedAt == null) {
            endedAt = at;
        }
        return true;
    }

    public synchronized boolean abort(String reason, Instant at) {
        if (!moveTo(RunState.ABORTED)) {
            return false;
        }
        abortReason = reason;
        endedAt = at;
        return true;
    }

    /** @return false, with the lifecycle's reason logged, when the run cannot move to {@code target} */
    private boolean moveTo(RunState target) {
        Optional<String> refusal = state.refusal(target);
        if (refusal.isPresent()) {
            LOG.debugf("run %s stays %s: %s", id, state, refusal.get());
            return false;
        }
        state = target;
        return true;
    }

    /**
     * The run as it is stored: its phase only as far as the state tells it ({@link RunPhase#ofState}), no progress.
     * The API answers with {@link #view(Instant)}.
     */
    public synchronized RunView view() {
        return new RunView(id, experiment.name(), state, createdAt, injectAt, observeUntil, endedAt, plan,
                List.copyOf(injected.values()), List.copyOf(failed.values()), abortReason, verdict,
                RunPhase.ofState(state), List.copyOf(reverted.values()), List.copyOf(breaches.values()), null);
    }

    /** The run as the API shows it at {@code now}: with its phase then and the observer's latest progress. */
    public synchronized RunView view(Instant now) {
        return view().at(now, progress);
    }

    public synchronized int injectedCount() {
        return injected.size();
    }

    public synchronized int failedCount() {
        return failed.size();
    }

    public synchronized List<FaultFailed> failures() {
        return new ArrayList<>(failed.values());
    }
}
