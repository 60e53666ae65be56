package dev.faultline.common.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.validation.Checks;
import dev.faultline.common.validation.DurationText;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * When an HTTP probe's successful answers count as <em>degraded</em> ({@code degraded:} of an HTTP probe): a
 * degraded answer is still a success (availability and error rate do not change), but it is not full service.
 * Written as {@code degraded: true} (compare the JSON body's shape with the steady state's) or as
 * {@code degraded: {shape: true, latencyAbove: 800ms}}; {@code degraded: false} or no {@code degraded} is off.
 *
 * @param shape        an answer whose JSON body lost a field, or emptied an array, that every steady-state answer
 *                     had, is degraded (see docs/verdict.md)
 * @param latencyAbove when set, a successful answer slower than this is degraded; null when not judged
 */
public record DegradedCheck(boolean shape, Duration latencyAbove) {

    /** {@code degraded: true}: the body's shape, no latency bound. */
    public static final DegradedCheck SHAPE = new DegradedCheck(true, null);

    public DegradedCheck {
        Checks.start()
                .positive(latencyAbove, "latencyAbove")
                .throwIfAny();
    }

    /** Neither the shape nor the latency is judged: the same as no {@code degraded} at all. */
    public boolean off() {
        return !shape && latencyAbove == null;
    }

    /** {@code body shape of the steady state, latency above 800ms}: what is judged, for method texts. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (shape) {
            parts.add("JSON body shape below the steady state's");
        }
        if (latencyAbove != null) {
            parts.add("latency above " + DurationText.format(latencyAbove));
        }
        return String.join(" or ", parts);
    }

    /**
     * From the experiment document: {@code true} / {@code false}, or an object with {@code shape} (default true) and
     * {@code latencyAbove}; unknown fields are refused like everywhere in an experiment.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static DegradedCheck fromDocument(JsonNode value) {
        if (value.isBoolean()) {
            return new DegradedCheck(value.booleanValue(), null);
        }
        if (!value.isObject()) {
            throw invalid("", "must be true, false or {shape: true, latencyAbove: 800ms}");
        }
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("shape") && !name.equals("latencyAbove")) {
                violations.add(new Violation(name, "is not a known field; known: shape, latencyAbove"));
            }
        }
        JsonNode shapeNode = value.get("shape");
        if (shapeNode != null && !shapeNode.isBoolean()) {
            violations.add(new Violation("shape", "must be true or false"));
        }
        Duration latencyAbove = null;
        JsonNode latencyNode = value.get("latencyAbove");
        if (latencyNode != null && !latencyNode.isNull()) {
            try {
                latencyAbove = DurationText.parse(latencyNode.asText());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("latencyAbove", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidValueException(violations);
        }
        // Writing the object at all asks for degraded answers; the shape is the point unless switched off.
        return new DegradedCheck(shapeNode == null || shapeNode.booleanValue(), latencyAbove);
    }

    private static InvalidValueException invalid(String field, String message) {
        return new InvalidValueException(List.of(new Violation(field, message)));
    }
}
