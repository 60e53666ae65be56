package dev.faultline.observer.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.common.verdict.BodyShrink;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The shape of a JSON body: which field paths it has and which of its arrays have elements, without the values. A
 * path is dotted from the root ({@code user.tier}); the elements of an array are {@code []} after its path, their
 * fields merged over all elements ({@code items[].price}); the body itself is the empty path. A field whose value is
 * null counts as absent: it carries nothing.
 *
 * <p>Only shrinking matters (see {@link #shrinksFrom}): a field or element added, or a value changed, is not a loss
 * of service.
 *
 * @param fields         every path present, the body itself ({@code ""}) included when the body is JSON
 * @param nonEmptyArrays the paths of arrays with at least one element
 */
public record BodyShape(Set<String> fields, Set<String> nonEmptyArrays) {

    /** A body that is not JSON (or is empty): nothing of a JSON shape is present. */
    public static final BodyShape NOT_JSON = new BodyShape(Set.of(), Set.of());

    private static final ObjectMapper JSON = new ObjectMapper();

    public BodyShape {
        fields = Set.copyOf(fields);
        nonEmptyArrays = Set.copyOf(nonEmptyArrays);
    }

    /** The shape of an answer's body; {@link #NOT_JSON} when it does not parse as JSON or is a bare scalar. */
    public static BodyShape of(String body) {
        if (body == null || body.isBlank()) {
            return NOT_JSON;
        }
        try {
            return of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return NOT_JSON;
        }
    }

    public static BodyShape of(JsonNode root) {
        if (root == null || !root.isContainerNode()) {
            return NOT_JSON;
        }
        Set<String> fields = new TreeSet<>();
        Set<String> nonEmpty = new TreeSet<>();
        walk(root, "", fields, nonEmpty);
        return new BodyShape(fields, nonEmpty);
    }

    /** What every one of two shapes has: the baseline of answers that were all full service. */
    public BodyShape intersect(BodyShape other) {
        Set<String> commonFields = new TreeSet<>(fields);
        commonFields.retainAll(other.fields);
        Set<String> commonArrays = new TreeSet<>(nonEmptyArrays);
        commonArrays.retainAll(other.nonEmptyArrays);
        return new BodyShape(commonFields, commonArrays);
    }

    /** Whether there is anything to lose: a JSON body with at least one field or element. */
    public boolean comparable() {
        return fields.size() > 1 || !nonEmptyArrays.isEmpty();
    }

    /**
     * What this shape lost against {@code baseline}: paths of the baseline that are missing here, and arrays of the
     * baseline with elements that are empty here. Only the outermost loss is named: an emptied {@code items} is not
     * also a missing {@code items[].price}, a missing {@code user} not also a missing {@code user.tier}. Each
     * change counts one answer; in path order.
     */
    public List<BodyShrink> shrinksFrom(BodyShape baseline) {
        List<BodyShrink> candidates = new ArrayList<>();
        for (String path : new TreeSet<>(baseline.fields)) {
            if (!fields.contains(path)) {
                candidates.add(new BodyShrink(path, BodyShrink.MISSING, 1));
            }
        }
        for (String path : new TreeSet<>(baseline.nonEmptyArrays)) {
            // An array that is gone altogether is already missing above.
            if (fields.contains(path) && !nonEmptyArrays.contains(path)) {
                candidates.add(new BodyShrink(path, BodyShrink.EMPTIED, 1));
            }
        }
        List<BodyShrink> outermost = new ArrayList<>();
        for (BodyShrink candidate : candidates) {
            boolean inside = candidates.stream().anyMatch(other -> encloses(other.path(), candidate.path()));
            if (!inside) {
                outermost.add(candidate);
            }
        }
        outermost.sort((a, b) -> a.path().compareTo(b.path()));
        return List.copyOf(outermost);
    }

    /** Whether {@code outer} is a proper ancestor of {@code inner}: the body, an object field, or an array. */
    static boolean encloses(String outer, String inner) {
        if (outer.equals(inner)) {
            return false;
        }
        return outer.isEmpty() || inner.startsWith(outer + ".") || inner.startsWith(outer + "[]");
    }

    private static void walk(JsonNode node, String path, Set<String> fields, Set<String> nonEmpty) {
        if (node.isNull() || node.isMissingNode()) {
            return;
        }
        fields.add(path);
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey(), fields,
                        nonEmpty);
            }
        } else if (node.isArray() && !node.isEmpty()) {
            nonEmpty.add(path);
            for (JsonNode element : node) {
                // Scalars add nothing beyond "the array has elements"; objects and arrays add their fields.
                if (element.isContainerNode()) {
                    walk(element, path + "[]", fields, nonEmpty);
                }
            }
        }
    }
}
