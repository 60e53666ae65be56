package dev.faultline.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.ExperimentDocuments;
import dev.faultline.common.experiment.ExperimentParser;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Generated documents through the REST layer as dry runs (so nothing is started): never a 500; a 400 or 422 always
 * carries at least one field-level violation; otherwise a 2xx.
 */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class ExperimentApiFuzzTest {

    static final int DOCUMENTS = 300;

    @Test
    void noDocumentMakesTheApiFail() {
        ExperimentDocuments documents = new ExperimentDocuments(Long.getLong("fuzz.seed", 777L));
        int clientErrors = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            ExperimentDocuments.Doc doc = documents.next();
            String contentType = doc.format() == ExperimentParser.Format.JSON ? "application/json"
                    : RunResourceTest.YAML;
            Response response = TestSecurity.asOperator().contentType(contentType).body(doc.text())
                    .post("/api/v1/runs?dryRun=true");
            int status = response.statusCode();
            String context = "document " + i + " (" + doc.recipe() + ") answered " + status + ": "
                    + response.asString() + "\n" + doc.text().substring(0, Math.min(300, doc.text().length()));
            assertThat(status).as(context).isIn(200, 400, 422);
            if (status == 400 || status == 422) {
                List<Object> violations = response.jsonPath().getList("violations");
                assertThat(violations).as(context).isNotEmpty();
                assertThat(response.jsonPath().getList("violations.field", String.class)).as(context)
                        .allSatisfy(f -> assertThat(f).isNotNull());
                clientErrors++;
            }
        }
        assertThat(clientErrors).isGreaterThan(DOCUMENTS / 2);
    }
}
