package dev.faultline.common.validation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by compact constructors when a value must not exist: nothing invalid can be built, so nothing invalid can
 * be published.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final List<Violation> violations;

    public InvalidValueException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
