package dev.faultline.common.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.faultline.common.json.ChaosJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates experiment documents for fuzzing, from a seed (so a failure can be replayed): random JSON trees,
 * mutations of a valid experiment (wrong types, unknown fields, removed fields, huge numbers, deep nesting,
 * strange strings), and raw garbage text. Each comes as YAML or JSON text.
 */
public final class ExperimentDocuments {

    /** One generated document: its text, its format, and how it was made (for the failure message). */
    public record Doc(String text, ExperimentParser.Format format, String recipe) {
    }

    static final String VALID_JSON = """
            {"name":"fuzz","duration":"30s",
             "steadyState":{"warmup":"1s","probes":[{"name":"health","url":"http://127.0.0.1:9/health"}]},
             "faults":[{"target":{"selector":{"name":"web","labels":{"tier":"front"}},"count":1,"mode":"random"},
                        "fault":{"type":"container-kill","signal":"SIGTERM","method":"process"}},
                       {"target":{"selector":{"labels":{"app":"db"}},"percent":50},
                        "fault":{"type":"container-pause"}}]}
            """;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] WEIRD_STRINGS = {"", " ", "-1s", "1e309", "NaN", "null", "true", "\u0000", "../../x",
            "'; rm -rf /", "$(reboot)", "ü€😀", "9".repeat(400), "SIG", "1h1h", "0s", "-0", "P1D", "{", "]",
            "container-kill", "container-pause", "gremlin", "RANDOM", "fixed", "x".repeat(5000)};

    private final Random random;
    private final JsonNode valid;

    public ExperimentDocuments(long seed) {
        this.random = new Random(seed);
        try {
            this.valid = ChaosJson.experiments().readTree(VALID_JSON);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Doc next() {
        int kind = random.nextInt(10);
        ExperimentParser.Format format = random.nextBoolean() ? ExperimentParser.Format.JSON
                : ExperimentParser.Format.YAML;
        if (kind < 6) {
            JsonNode mutated = valid.deepCopy();
            StringBuilder recipe = new StringBuilder("mutations:");
            int mutations = 1 + random.nextInt(3);
            for (int i = 0; i < mutations; i++) {
                mutated = mutate(mutated, recipe);
            }
            return new Doc(render(mutated, format), format, recipe.toString());
        }
        if (kind < 8) {
            return new Doc(render(randomTree(0), format), format, "random tree");
        }
        if (kind < 9) {
            return new Doc(deepNesting(50 + random.nextInt(1000), format), format, "deep nesting");
        }
        return new Doc(garbage(), format, "garbage text");
    }

    private JsonNode mutate(JsonNode root, StringBuilder recipe) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        int op = random.nextInt(5);
        if (target instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String field = names.get(random.nextInt(names.size()));
            switch (op) {
                case 0 -> { object.remove(field); recipe.append(" remove ").append(field); }
                case 1 -> { object.set(field, randomScalar()); recipe.append(" retype ").append(field); }
                case 2 -> { object.set("unknown" + random.nextInt(9), randomScalar()); recipe.append(" unknown field"); }
                case 3 -> { object.set(field, randomTree(0)); recipe.append(" subtree at ").append(field); }
                default -> { object.set(field, F.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(60)))));
                    recipe.append(" huge number at ").append(field); }
            }
        } else if (target instanceof ArrayNode array) {
            switch (op) {
                case 0 -> { array.removeAll(); recipe.append(" empty array"); }
                case 1 -> { array.add(randomScalar()); recipe.append(" scalar into array"); }
                default -> { for (int i = 0; i < 1 + random.nextInt(50); i++) { array.add(array.size() > 0 ? array.get(0).deepCopy() : randomScalar()); }
                    recipe.append(" many elements"); }
            }
        }
        return root;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> out) {
        if (node.isContainerNode()) {
            out.add(node);
            node.forEach(child -> collectContainers(child, out));
        }
    }

    private JsonNode randomTree(int depth) {
        if (depth > 4 || random.nextInt(4) == 0) {
            return randomScalar();
        }
        if (random.nextBoolean()) {
            ObjectNode object = F.objectNode();
            String[] keys = {"name", "duration", "steadyState", "faults", "slos", "target", "fault", "type", "selector",
                    "count", "percent", "labels", "probes", "warmup", "url", "allowPlatformTargets", "zz"};
            for (int i = 0; i < random.nextInt(6); i++) {
                object.set(keys[random.nextInt(keys.length)], randomTree(depth + 1));
            }
            return object;
        }
        ArrayNode array = F.arrayNode();
        for (int i = 0; i < random.nextInt(4); i++) {
            array.add(randomTree(depth + 1));
        }
        return array;
    }

    private JsonNode randomScalar() {
        return switch (random.nextInt(6)) {
            case 0 -> F.textNode(WEIRD_STRINGS[random.nextInt(WEIRD_STRINGS.length)]);
            case 1 -> F.numberNode(random.nextLong());
            case 2 -> F.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(300)));
            case 3 -> F.booleanNode(random.nextBoolean());
            case 4 -> F.nullNode();
            default -> F.textNode(Integer.toString(random.nextInt(2000) - 1000) + (random.nextBoolean() ? "s" : "ms"));
        };
    }

    private String deepNesting(int depth, ExperimentParser.Format format) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        String inner = open.repeat(depth) + "1" + close.repeat(depth);
        return "{\"name\":\"deep\",\"duration\":\"1s\",\"faults\":" + inner + "}";
    }

    private String garbage() {
        int length = random.nextInt(400);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            text.append(pick < 6 ? (char) (32 + random.nextInt(95))
                    : pick < 8 ? "\n  - :{}[]&*!|>'\"%@`#".charAt(random.nextInt(21)) : (char) random.nextInt(0xFFFF));
        }
        return text.toString();
    }

    private static String render(JsonNode node, ExperimentParser.Format format) {
        try {
            return format == ExperimentParser.Format.JSON ? ChaosJson.experiments().writeValueAsString(node)
                    : ChaosJson.experimentsYaml().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
