package dev.faultline.observer.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.json.ChaosJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What an acknowledged write promises the store holds: the top-level fields of the body it sent, overlaid with
 * those of its acknowledgement (where the two disagree the system's answer is what it promised), less the ignored
 * fields. A read-back whose content differs is a lost write even when its id is found: the id may have been
 * reissued to another record. Pure, so that each rule is tested on its own.
 */
public final class ExpectedContent {

    /** How the read-back's field names match the write's. */
    public enum Matching {
        /** A JSON answer: every expected field must come back, with its exact name. */
        ALL_FIELDS,
        /** A table row: the fields with a column of the same name (ignoring case); the others are not stored. */
        COLUMNS_OF_THE_SAME_NAME
    }

    private ExpectedContent() {
    }

    public static ObjectNode of(AcknowledgedWrite write, Collection<String> ignoreFields) {
        ObjectNode expected = JsonNodeFactory.instance.objectNode();
        if (write.sent() != null && write.sent().isObject()) {
            expected.setAll((ObjectNode) write.sent());
        }
        if (write.acknowledged() != null && write.acknowledged().isObject()) {
            expected.setAll((ObjectNode) write.acknowledged());
        }
        expected.remove(ignoreFields);
        return expected;
    }

    /**
     * The first difference between a record and any write acknowledged under its id: each of them promised that
     * content, so a record that matches only the last of two writes with one id means the first was lost.
     */
    public static Optional<String> difference(List<AcknowledgedWrite> writes, JsonNode record,
            Collection<String> ignoreFields, Matching matching) {
        for (AcknowledgedWrite write : writes) {
            Optional<String> difference = difference(of(write, ignoreFields), record, matching);
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    /** The first difference between what was promised and what was read back, as text; empty when none. */
    public static Optional<String> difference(ObjectNode expected, JsonNode actual, Matching matching) {
        if (actual == null || !actual.isObject()) {
            return Optional.of("read back " + (actual == null ? "nothing" : "a JSON " + actual.getNodeType()
                    .toString().toLowerCase(Locale.ROOT)) + ", not an object");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Optional<String> name = nameIn(actual, field.getKey(), matching);
            if (name.isEmpty()) {
                if (matching == Matching.ALL_FIELDS && !field.getValue().isNull()) {
                    return Optional.of("field " + field.getKey() + " expected " + field.getValue() + ", absent");
                }
                continue;
            }
            JsonNode found = actual.get(name.get());
            if (!same(field.getValue(), found)) {
                return Optional.of("field " + field.getKey() + " expected " + field.getValue() + ", found " + found);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nameIn(JsonNode actual, String name, Matching matching) {
        if (actual.has(name)) {
            return Optional.of(name);
        }
        if (matching == Matching.COLUMNS_OF_THE_SAME_NAME) {
            Iterator<String> names = actual.fieldNames();
            while (names.hasNext()) {
                String candidate = names.next();
                if (candidate.equalsIgnoreCase(name)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Equal as the store would keep them: numbers by value (2, 2.0 and a NUMERIC column's "2.00" are one amount),
     * a value and its text form alike (an id sent as a number, stored as text), objects and arrays element by
     * element.
     */
    static boolean same(JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual == null || actual.isNull()) {
            return expected.isNull() && (actual == null || actual.isNull());
        }
        if ((expected.isObject() || expected.isArray()) && actual.isTextual()) {
            // A JSON column some databases hand out as its text (MariaDB's JSON is LONGTEXT): compared as JSON.
            JsonNode parsed = parsedOrNull(actual.asText());
            return parsed != null && !parsed.isTextual() && same(expected, parsed);
        }
        if (expected.isObject() || actual.isObject()) {
            if (!expected.isObject() || !actual.isObject() || expected.size() != actual.size()) {
                return false;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!actual.has(field.getKey()) || !same(field.getValue(), actual.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray() || actual.isArray()) {
            if (!expected.isArray() || !actual.isArray() || expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!same(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        BigDecimal a = number(expected);
        BigDecimal b = number(actual);
        if (a != null && b != null) {
            return a.compareTo(b) == 0;
        }
        return expected.asText().equals(actual.asText());
    }

    private static JsonNode parsedOrNull(String text) {
        try {
            return ChaosJson.messages().readTree(text);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
