package dev.faultline.orchestrator.integrity;

import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** The experiment's integrity read-back could not reach its endpoint or topic; each violation says which and why. */
public class IntegrityStoreUnavailableException extends RuntimeException {

    private final List<Violation> violations;

    public IntegrityStoreUnavailableException(List<Violation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
