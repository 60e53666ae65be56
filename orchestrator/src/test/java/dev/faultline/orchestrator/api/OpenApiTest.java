package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.experiment.ExperimentSchema;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's own description: /q/openapi and Swagger UI, open without a token, and the experiment schema. */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class OpenApiTest {

    @Test
    void theDescriptionHasEveryEndpointItsErrorsAndTheBearerScheme() throws Exception {
        String body = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().asString();
        JsonNode api = ChaosJson.messages().readTree(body);
        JsonNode paths = api.path("paths");
        assertThat(fieldNames(paths)).contains("/api/v1/runs", "/api/v1/runs/{runId}", "/api/v1/runs/{runId}/summary",
                "/api/v1/halt", "/api/v1/agents", "/api/v1/experiments/{name}/trend", "/api/v1/schema/experiment");

        JsonNode scheme = api.at("/components/securitySchemes/bearer");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/security/0").has("bearer")).as("every operation needs the token").isTrue();

        JsonNode list = paths.at("/~1api~1v1~1runs/get");
        assertThat(list.path("parameters").findValuesAsText("name"))
                .contains("experiment", "verdict", "state", "since", "limit", "pageToken");
        assertThat(fieldNames(list.path("responses"))).contains("200", "400", "401", "403");
        JsonNode start = paths.at("/~1api~1v1~1runs/post");
        assertThat(fieldNames(start.at("/requestBody/content"))).contains("application/yaml", "application/json");
        assertThat(fieldNames(start.path("responses"))).contains("201", "200", "400", "401", "403", "422", "503");
        assertThat(fieldNames(paths.at("/~1api~1v1~1runs~1{runId}/get/responses"))).contains("200", "404", "401");
        assertThat(fieldNames(paths.at("/~1api~1v1~1halt/post/responses"))).contains("200", "401", "403");

        // the error bodies are the real ApiError: its fields, violations per field
        String errorRef = start.at("/responses/400/content/application~1json/schema/$ref").asText();
        JsonNode error = api.at("/components/schemas/" + errorRef.substring(errorRef.lastIndexOf('/') + 1));
        assertThat(fieldNames(error.path("properties"))).contains("error", "violations", "reference");
        String listRef = list.at("/responses/200/content/application~1json/schema/$ref").asText();
        JsonNode runList = api.at("/components/schemas/" + listRef.substring(listRef.lastIndexOf('/') + 1));
        assertThat(fieldNames(runList.path("properties"))).containsExactlyInAnyOrder("runs", "nextPageToken");
        String trendRef = paths.at("/~1api~1v1~1experiments~1{name}~1trend/get/responses/200/content/application~1json"
                + "/schema/$ref").asText();
        JsonNode trend = api.at("/components/schemas/" + trendRef.substring(trendRef.lastIndexOf('/') + 1));
        assertThat(fieldNames(trend.path("properties"))).contains("experiment", "runs", "passRate", "meanScore");
    }

    @Test
    void swaggerUiLoadsWithoutATokenButTheApiStillNeedsOne() {
        given().get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
        given().get("/api/v1/schema/experiment").then().statusCode(401);
        given().get("/api/v1/experiments/x/trend").then().statusCode(401);
    }

    @Test
    void theSchemaEndpointServesTheGeneratedSchema() throws Exception {
        String body = as(TestSecurity.VIEWER).get("/api/v1/schema/experiment").then().statusCode(200)
                .body("$id", equalTo(ExperimentSchema.ID)).extract().asString();
        assertThat(ChaosJson.messages().readTree(body)).isEqualTo(ExperimentSchema.schema());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
