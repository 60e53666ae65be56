package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.faultline.common.fault.FaultSpec;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The generated schema, checked with an independent validator (networknt) against real and broken documents. */
class ExperimentSchemaTest {

    private static final Path EXAMPLES = Path.of("..", "examples", "experiments");
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(ExperimentSchema.json(), InputFormat.JSON);

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")
                    || f.toString().endsWith(".json")).sorted().toList();
            assertThat(yaml).as("experiment files in " + EXAMPLES.toAbsolutePath()).isNotEmpty();
            return yaml.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleExperimentIsValid(Path file) throws IOException {
        String text = Files.readString(file);
        ExperimentParser.Format format = file.toString().endsWith(".json") ? ExperimentParser.Format.JSON
                : ExperimentParser.Format.YAML;
        new ExperimentParser().parse(text, format); // the parser accepts it: the schema must, too
        assertThat(errors(text, format)).as(file.toString()).isEmpty();
    }

    /**
     * Editors read the schema from a file of the checkout (docs/experiment.schema.json, see
     * docs/experiment-format.md): it must be what the records generate. To refresh it after changing a record, run
     * this test with {@code -Dfaultline.schema.write=true}.
     */
    @Test
    void theCommittedSchemaFileIsTheGeneratedOne() throws IOException {
        Path committed = Path.of("..", "docs", "experiment.schema.json");
        if (Boolean.getBoolean("faultline.schema.write")) {
            Files.writeString(committed, ExperimentSchema.json());
        }
        assertThat(Files.readString(committed))
                .as(committed + " is stale: run ExperimentSchemaTest with -Dfaultline.schema.write=true")
                .isEqualTo(ExperimentSchema.json());
    }

    @Test
    void theFuzzTestsValidDocumentIsValid() {
        assertThat(errors(ExperimentDocuments.VALID_JSON, ExperimentParser.Format.JSON)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // an unknown field, as the parser refuses it
            "{\"name\":\"x\",\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"container-kill\"}}],"
                    + "\"duratoin\":\"1s\"}",
            // no name (required)
            "{\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"container-kill\"}}]}",
            // an unknown fault type
            "{\"name\":\"x\",\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"gremlin\"}}]}",
            // a duration that is no duration
            "{\"name\":\"x\",\"duration\":\"thirty seconds\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"container-kill\"}}]}",
            // a field of another fault type (signal is container-kill's)
            "{\"name\":\"x\",\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"container-pause\",\"signal\":\"SIGKILL\"}}]}",
            // an enum value that does not exist
            "{\"name\":\"x\",\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\",\"url\":\"http://h\"}]},"
                    + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"},\"mode\":\"sometimes\"},\"fault\":{\"type\":\"container-kill\"}}]}"})
    void malformedDocumentsAreRefusedLikeByTheParser(String document) {
        assertThat(errors(document, ExperimentParser.Format.JSON)).isNotEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new ExperimentParser().parse(document, ExperimentParser.Format.JSON))
                .isInstanceOf(InvalidExperimentException.class);
    }

    @Test
    void everyFaultTypeIsABranchWithItsTypeIdAndDurationsAreText() {
        JsonNode schema = ExperimentSchema.schema();
        JsonNode branches = schema.at("/$defs/FaultStep/properties/fault/anyOf");
        List<String> typeIds = branches.findValues("$ref").stream()
                .map(ref -> schema.at(ref.asText().substring(1)).at("/properties/type/const").asText())
                .sorted().toList();
        assertThat(typeIds).isEqualTo(FaultSpec.knownTypes());
        assertThat(schema.at("/properties/duration/anyOf/0/type").asText()).isEqualTo("string");
        assertThat(schema.at("/required")).extracting(JsonNode::asText)
                .contains("name", "duration", "steadyState", "faults");
    }

    @Test
    void aProbeWithoutTypeIsAnHttpProbeAsInTheParser() {
        String document = "{\"name\":\"x\",\"duration\":\"30s\",\"steadyState\":{\"probes\":[{\"name\":\"h\","
                + "\"url\":\"http://h\",\"successStatus\":[\"2xx\",404],\"degraded\":{\"latencyAbove\":\"800ms\"}}]},"
                + "\"faults\":[{\"target\":{\"selector\":{\"name\":\"web\"}},\"fault\":{\"type\":\"container-kill\"}}]}";
        new ExperimentParser().parse(document, ExperimentParser.Format.JSON);
        assertThat(errors(document, ExperimentParser.Format.JSON)).isEmpty();
    }

    private static List<Error> errors(String text, ExperimentParser.Format format) {
        String json = text;
        if (format == ExperimentParser.Format.YAML) {
            try {
                json = ChaosJson.messages().writeValueAsString(ChaosJson.experimentsYaml().readTree(text));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        return SCHEMA.validate(json, InputFormat.JSON);
    }
}
