package dev.faultline.orchestrator.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this orchestrator knows, in memory: the ones it started and the ones it took back from the
 * {@link RunStore} at start-up. The registry drives the runs and answers the API; the store makes them outlive the
 * process.
 */
@ApplicationScoped
public class RunRegistry {

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    public void add(Run run) {
        runs.put(run.id(), run);
    }

    public Optional<Run> find(String runId) {
        return Optional.ofNullable(runId).map(runs::get);
    }

    public List<Run> all() {
        return runs.values().stream().sorted(Comparator.comparing((Run r) -> r.view().createdAt()).reversed()).toList();
    }

    public void remove(String runId) {
        runs.remove(runId);
    }
}
