package dev.faultline.common.experiment;

import dev.faultline.common.validation.Violation;
import java.util.List;
import java.util.stream.Collectors;

/** An experiment document that cannot be run, with one message per bad field. Becomes a 400. */
public class InvalidExperimentException extends RuntimeException {

    private final List<Violation> violations;

    public InvalidExperimentException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static InvalidExperimentException of(String field, String message) {
        return new InvalidExperimentException(List.of(new Violation(field, message)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
