package dev.faultline.orchestrator.testing;

import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.run.DynamoDbRunStore;
import dev.faultline.orchestrator.run.PageToken;
import dev.faultline.orchestrator.run.Run;
import dev.faultline.orchestrator.run.RunPage;
import dev.faultline.orchestrator.run.RunQuery;
import dev.faultline.orchestrator.run.RunStore;
import dev.faultline.orchestrator.run.RunView;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The run store of {@code *Test}s, which run without external services (the DynamoDB one has its own IT and the
 * restart IT). Each run is kept as the JSON the DynamoDB store writes and read back from it, so a run restored from
 * here went through the same mapping; listing uses the query's own filters and order, as the DynamoDB store must.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class InMemoryRunStore implements RunStore {

    private final Map<String, String> entries = new ConcurrentHashMap<>();

    @Override
    public void save(Run run) {
        entries.put(run.id(), ChaosJson.write(new DynamoDbRunStore.Entry(run.experiment(), run.view())));
    }

    @Override
    public List<Run> loadActive(Instant now) {
        return entries.values().stream().map(json -> read(json).toRun()).filter(r -> !r.state().terminal()).toList();
    }

    @Override
    public Optional<Run> find(String runId) {
        return Optional.ofNullable(entries.get(runId)).map(json -> read(json).toRun());
    }

    @Override
    public RunPage list(RunQuery query) {
        List<Run> matching = entries.values().stream().map(json -> read(json).toRun())
                .filter(r -> query.matches(r.view()) && query.afterToken(r.view()))
                .sorted(Comparator.comparing((Run r) -> r.view().createdAt()).thenComparing(Run::id).reversed())
                .toList();
        if (matching.size() <= query.limit()) {
            return new RunPage(matching, null);
        }
        List<Run> page = matching.subList(0, query.limit());
        return new RunPage(page, PageToken.after(page.get(page.size() - 1).view()));
    }

    /** The run as last stored, empty if it never was. */
    public Optional<RunView> stored(String runId) {
        return Optional.ofNullable(entries.get(runId)).map(json -> read(json).view());
    }

    @Override
    public String describe() {
        return "memory";
    }

    private static DynamoDbRunStore.Entry read(String json) {
        try {
            return ChaosJson.read(json, DynamoDbRunStore.Entry.class);
        } catch (Exception e) {
            throw new AssertionError("a stored run does not read back: " + json, e);
        }
    }
}
