package dev.faultline.orchestrator.preflight;

import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The experiment is valid but something its run will read cannot be reached: the integrity read-back's store or
 * topic, or a metrics endpoint. {@code what} says which part in one sentence, each violation names the field and why.
 */
public class PreflightFailedException extends RuntimeException {

    private final String what;
    private final List<Violation> violations;

    public PreflightFailedException(String what, List<Violation> violations) {
        super(what + ": " + violations.stream().map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")));
        this.what = what;
        this.violations = List.copyOf(violations);
    }

    public String what() {
        return what;
    }

    public List<Violation> violations() {
        return violations;
    }
}
