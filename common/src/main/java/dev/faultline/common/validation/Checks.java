package dev.faultline.common.validation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Collects the violations of one object's fields so that a constructor can report all of them at once, then
 * {@link #throwIfAny()}.
 */
public final class Checks {

    private final List<Violation> violations = new ArrayList<>();

    public static Checks start() {
        return new Checks();
    }

    public Checks require(boolean condition, String field, String message) {
        if (!condition) {
            violations.add(new Violation(field, message));
        }
        return this;
    }

    public Checks notNull(Object value, String field) {
        return require(value != null, field, "is required");
    }

    public Checks notBlank(String value, String field) {
        return require(value != null && !value.isBlank(), field, "is required and must not be blank");
    }

    public Checks notEmpty(Collection<?> value, String field) {
        return require(value != null && !value.isEmpty(), field, "must contain at least one entry");
    }

    public Checks positive(Duration value, String field) {
        if (value != null) {
            require(!value.isNegative() && !value.isZero(), field, "must be positive, was " + DurationText.format(value));
        }
        return this;
    }

    public Checks notNegative(Duration value, String field) {
        if (value != null) {
            require(!value.isNegative(), field, "must not be negative, was " + DurationText.format(value));
        }
        return this;
    }

    public Checks inRange(Number value, double min, double max, String field) {
        if (value != null) {
            double v = value.doubleValue();
            require(v >= min && v <= max, field, "must be between " + trim(min) + " and " + trim(max) + ", was " + value);
        }
        return this;
    }

    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidValueException(violations);
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
