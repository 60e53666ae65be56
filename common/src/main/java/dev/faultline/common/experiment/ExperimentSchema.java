package dev.faultline.common.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.validation.InvalidValueException;
import dev.faultline.common.validation.Violation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schema (draft 2020-12) of the experiment document, generated from the records {@link ExperimentParser}
 * reads ({@link Experiment}, its sections, {@code fault.*} specs), so that the schema cannot drift from the parser:
 * <ul>
 * <li>fields and their types from the record components, enums as the parser reads them (their Jackson names);</li>
 * <li>fault specs and probes by their Jackson type ids ({@code type: container-kill}), each a {@code oneOf} branch
 *     with its {@code type} constant; a probe without {@code type} is an HTTP probe, as in the parser;</li>
 * <li>durations as text ({@code 30s}, {@code 250ms}, {@code PT30S}) or a number of milliseconds, as
 *     DurationTextDeserializer reads them; {@code successStatus} and {@code degraded} in their short forms;</li>
 * <li>required fields: those whose record refuses a missing value (its compact constructor's "is required" checks),
 *     found by building each record with nothing set and reading which fields it names;</li>
 * <li>unknown fields refused ({@code additionalProperties: false}), as the parser refuses them.</li>
 * </ul>
 * Rules only code can check (ranges of one field against another, unique probe names) stay the parser's: the schema
 * is for editors' completion and first checks, the parser has the last word. See docs/experiment-format.md.
 */
public final class ExperimentSchema {

    /** A name, not an address: the schema is served by the orchestrator and kept in docs/experiment.schema.json. */
    public static final String ID = "urn:faultline:schema:experiment";
    /**
     * Short forms (30s, 250ms, 5m, 1h, any case, spaces around) as DurationText reads them, or text that starts like
     * ISO-8601 (PT30S): the parser checks the exact ISO form, the schema only refuses what is no duration at all.
     */
    static final String DURATION_PATTERN = "^\\s*(-?\\d+\\s*([mM][sS]|[sSmMhH])|[pP][tT]?[0-9.,]+.*)\\s*$";
    private static final Set<String> REQUIRED_MESSAGES = Set.of("is required", "is required and must not be blank",
            "must contain at least one entry");

    private static final ObjectNode SCHEMA = generate();

    private ExperimentSchema() {
    }

    /** The schema as a JSON tree (a copy: callers may change it). */
    public static ObjectNode schema() {
        return SCHEMA.deepCopy();
    }

    /** The schema as indented JSON text. */
    public static String json() {
        try {
            return ChaosJson.messages().writerWithDefaultPrettyPrinter().writeValueAsString(SCHEMA) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the experiment schema does not serialise", e);
        }
    }

    private static ObjectNode generate() {
        Map<Class<?>, Set<String>> requiredByType = new ConcurrentHashMap<>();
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(ChaosJson.experiments(),
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(Option.DEFINITIONS_FOR_ALL_OBJECTS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            if (raw == Duration.class) {
                ObjectNode text = context.getGeneratorConfig().createObjectNode().put("type", "string")
                        .put("pattern", DURATION_PATTERN);
                ObjectNode millis = context.getGeneratorConfig().createObjectNode().put("type", "integer");
                ObjectNode duration = context.getGeneratorConfig().createObjectNode()
                        .put("description", "a duration: 250ms, 30s, 5m, 1h, ISO-8601 (PT30S), or milliseconds");
                duration.putArray("anyOf").add(text).add(millis);
                return new CustomDefinition(duration, CustomDefinition.DefinitionType.INLINE,
                        CustomDefinition.AttributeInclusion.NO);
            }
            if (raw == SuccessStatus.class) {
                ObjectNode entry = context.getGeneratorConfig().createObjectNode();
                entry.putArray("anyOf")
                        .add(context.getGeneratorConfig().createObjectNode().put("type", "integer")
                                .put("minimum", 100).put("maximum", 599))
                        .add(context.getGeneratorConfig().createObjectNode().put("type", "string")
                                .put("pattern", "^([1-5]xx|\\d{3}\\s*-\\s*\\d{3}|\\d{3})$"));
                ObjectNode list = context.getGeneratorConfig().createObjectNode().put("type", "array")
                        .put("minItems", 1);
                list.set("items", entry);
                ObjectNode status = context.getGeneratorConfig().createObjectNode()
                        .put("description", "statuses counted as success: 404, 2xx, 200-299, or a list of them");
                status.putArray("anyOf").add(entry.deepCopy()).add(list);
                return new CustomDefinition(status, CustomDefinition.DefinitionType.STANDARD,
                        CustomDefinition.AttributeInclusion.NO);
            }
            if (raw == DegradedCheck.class) {
                ObjectNode object = context.getGeneratorConfig().createObjectNode().put("type", "object")
                        .put("additionalProperties", false);
                object.putObject("properties").putObject("shape").put("type", "boolean");
                ((ObjectNode) object.get("properties")).set("latencyAbove",
                        context.createDefinitionReference(context.getTypeContext().resolve(Duration.class)));
                ObjectNode degraded = context.getGeneratorConfig().createObjectNode()
                        .put("description", "true, false, or {shape: true, latencyAbove: 800ms}");
                degraded.putArray("anyOf").add(context.getGeneratorConfig().createObjectNode().put("type", "boolean"))
                        .add(object);
                return new CustomDefinition(degraded, CustomDefinition.DefinitionType.STANDARD,
                        CustomDefinition.AttributeInclusion.NO);
            }
            return null;
        });
        config.forFields().withRequiredCheck(field -> isRequired(field, requiredByType));
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(Experiment.class);
        flattenTypedSubtypes(schema);
        ObjectNode root = ChaosJson.messages().createObjectNode();
        root.put("$schema", SchemaVersion.DRAFT_2020_12.getIdentifier());
        root.put("$id", ID);
        root.put("title", "Faultline experiment");
        root.put("description", "An experiment as code (docs/experiment-format.md). Generated from the records the"
                + " parser reads; the parser has the last word on rules across fields.");
        root.setAll(schema);
        return root;
    }

    private static boolean isRequired(FieldScope field, Map<Class<?>, Set<String>> requiredByType) {
        Class<?> owner = field.getDeclaringType().getErasedType();
        if (!owner.isRecord()) {
            return false;
        }
        return requiredByType.computeIfAbsent(owner, ExperimentSchema::requiredComponents)
                .contains(field.getDeclaredName());
    }

    /**
     * The components a record refuses to be without: built with every component absent (null, or zero for a
     * primitive), the fields its checks name as missing. A record whose constructor fails otherwise requires none.
     */
    static Set<String> requiredComponents(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] absent = Arrays.stream(types).map(ExperimentSchema::absentValue).toArray();
        try {
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            canonical.newInstance(absent);
            return Set.of();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidValueException invalid) {
                Set<String> names = Arrays.stream(components).map(RecordComponent::getName)
                        .collect(Collectors.toSet());
                return invalid.violations().stream()
                        .filter(v -> REQUIRED_MESSAGES.contains(v.message()))
                        .map(Violation::field)
                        .filter(names::contains)
                        .collect(Collectors.toSet());
            }
            return Set.of();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Set.of();
        }
    }

    private static Object absentValue(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    /**
     * The generator describes a subtype with a type id as two definitions: {@code X-1}, the record's fields with
     * {@code additionalProperties: false}, and {@code X-2}, a {@code $ref} to it plus the {@code type} constant. Under
     * 2020-12 the first refuses the {@code type} field the second adds, so no document would validate. Each pair
     * becomes one definition {@code X}: the record's fields with {@code type} among them.
     */
    static void flattenTypedSubtypes(ObjectNode schema) {
        ObjectNode defs = (ObjectNode) schema.get("$defs");
        Map<String, String> renamed = new java.util.HashMap<>();
        for (String name : names(defs)) {
            JsonNode wrapper = defs.get(name);
            if (!name.endsWith("-2") || !wrapper.has("$ref") || !wrapper.path("properties").has("type")) {
                continue;
            }
            String base = name.substring(0, name.length() - 2);
            String targetName = wrapper.get("$ref").asText().substring("#/$defs/".length());
            ObjectNode merged = ((ObjectNode) defs.get(targetName)).deepCopy();
            ObjectNode properties = ChaosJson.messages().createObjectNode();
            properties.set("type", wrapper.get("properties").get("type"));
            merged.path("properties").fields().forEachRemaining(e -> properties.set(e.getKey(), e.getValue()));
            merged.set("properties", properties);
            ArrayNode required = ChaosJson.messages().createArrayNode();
            wrapper.path("required").forEach(required::add);
            merged.path("required").forEach(required::add);
            if (required.isEmpty()) {
                merged.remove("required");
            } else {
                merged.set("required", required);
            }
            defs.remove(name);
            defs.remove(targetName);
            defs.set(base, merged);
            renamed.put("#/$defs/" + name, "#/$defs/" + base);
            renamed.put("#/$defs/" + targetName, "#/$defs/" + base);
        }
        walk(schema, node -> {
            JsonNode ref = node.get("$ref");
            if (ref != null && renamed.containsKey(ref.asText())) {
                node.put("$ref", renamed.get(ref.asText()));
            }
        });
    }

    private static List<String> names(ObjectNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void walk(JsonNode node, java.util.function.Consumer<ObjectNode> visit) {
        if (node instanceof ObjectNode object) {
            visit.accept(object);
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                walk(it.next(), visit);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> walk(child, visit));
        }
    }
}
