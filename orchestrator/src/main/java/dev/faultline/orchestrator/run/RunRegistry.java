package dev.faultline.orchestrator.run;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this orchestrator started, in memory. The durable record of every run is the reporter's DynamoDB
 * table; this registry drives the state machine and answers the API while the orchestrator lives.
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
