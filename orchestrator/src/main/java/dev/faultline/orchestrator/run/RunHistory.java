package dev.faultline.orchestrator.run;

import dev.faultline.common.verdict.ExperimentTrend;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * The runs as the API answers for them: the stored ones (so history survives restarts), each replaced by its live
 * state when this process is driving it (the registry has what happened since the last save).
 */
@ApplicationScoped
public class RunHistory {

    private final RunRegistry live;
    private final RunStore store;

    @Inject
    public RunHistory(RunRegistry live, RunStore store) {
        this.live = live;
        this.store = store;
    }

    /** The run, live or stored; empty when neither knows it. */
    public Optional<Run> find(String runId) {
        return live.find(runId).or(() -> store.find(runId));
    }

    /**
     * A page of runs, newest first. A live run replaces its stored copy; when its live state no longer matches the
     * query's filters (it moved on since the save the store answered from), it is left out.
     */
    public RunPage page(RunQuery query) {
        RunPage stored = store.list(query);
        List<Run> runs = stored.runs().stream()
                .map(run -> live.find(run.id()).orElse(run))
                .filter(run -> query.matches(run.view()))
                .toList();
        return new RunPage(runs, stored.next());
    }

    /** The trend of the experiment's last {@code last} runs. */
    public ExperimentTrend trend(String experiment, int last) {
        List<ExperimentTrend.Entry> entries = page(RunQuery.lastOf(experiment, last)).runs().stream()
                .map(Run::view)
                .map(v -> new ExperimentTrend.Entry(v.runId(), v.createdAt(), v.state(), v.verdict()))
                .toList();
        return ExperimentTrend.of(experiment, entries);
    }
}
