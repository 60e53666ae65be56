package dev.faultline.common.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.validation.Violation;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated documents (see {@link ExperimentDocuments}): the parser either returns an experiment or
 * throws {@link InvalidExperimentException} with at least one field-level violation that has a field and a
 * message. Anything else (another exception, an empty violation list) is a bug. The seed is fixed so that a
 * failure can be replayed; set -Dfuzz.seed to explore other documents.
 */
class ExperimentParserFuzzTest {

    static final int DOCUMENTS = 3_000;

    private final ExperimentParser parser = new ExperimentParser();

    @Test
    void everyDocumentIsAnExperimentOrFieldLevelViolations() {
        long seed = Long.getLong("fuzz.seed", 20250501L);
        ExperimentDocuments documents = new ExperimentDocuments(seed);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (int i = 0; i < DOCUMENTS; i++) {
            ExperimentDocuments.Doc doc = documents.next();
            Outcome outcome;
            try {
                Experiment experiment = parser.parse(doc.text(), doc.format());
                assertThat(experiment).isNotNull();
                outcome = Outcome.VALID;
            } catch (InvalidExperimentException e) {
                assertThat(e.violations()).as("violations for document %d (%s, seed %d)", i, doc.recipe(), seed)
                        .isNotEmpty()
                        .allSatisfy(v -> {
                            assertThat(v.field()).isNotNull();
                            assertThat(v.message()).isNotBlank();
                        });
                outcome = Outcome.INVALID;
            } catch (RuntimeException e) {
                throw new AssertionError("document " + i + " (" + doc.recipe() + ", seed " + seed + ", " + doc.format()
                        + ") made the parser throw " + e + "\n" + abbreviate(doc.text()), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        // The generator must exercise both paths, or the test proves little.
        assertThat(outcomes.getOrDefault(Outcome.INVALID, 0)).isGreaterThan(DOCUMENTS / 2);
        assertThat(outcomes.getOrDefault(Outcome.VALID, 0)).isGreaterThan(0);
    }

    enum Outcome { VALID, INVALID }

    static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }

    @SuppressWarnings("unused")
    private static String describe(Violation v) {
        return v.field() + ": " + v.message();
    }
}
