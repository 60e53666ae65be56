package dev.faultline.orchestrator.load;

import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The experiment's load test cannot run on the orchestrator's host; each violation says how to fix it. */
public class LoadTestUnavailableException extends RuntimeException {

    private final List<Violation> violations;

    public LoadTestUnavailableException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
