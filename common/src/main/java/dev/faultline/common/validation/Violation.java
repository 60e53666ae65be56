package dev.faultline.common.validation;

import java.util.Objects;

/** One reason why a value was refused, named by the field that carries it (a dotted path once located). */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    /** The same violation seen from an enclosing object: {@code selector} under {@code target} is {@code target.selector}. */
    public Violation under(String parentPath) {
        if (parentPath == null || parentPath.isEmpty()) {
            return this;
        }
        return new Violation(field.isEmpty() ? parentPath : parentPath + "." + field, message);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
