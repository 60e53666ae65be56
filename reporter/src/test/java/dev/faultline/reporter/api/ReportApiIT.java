package dev.faultline.reporter.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import dev.faultline.common.auth.Role;
import dev.faultline.common.auth.TokenFile;
import dev.faultline.reporter.OwnTables;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.report.RunReport;
import dev.faultline.testsupport.TestInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The reports over HTTP: the reporter as a Quarkus app with a tokens file of this test's own (the orchestrator's
 * format), its tables in the real DynamoDB API (it creates them at start-up) and a report directory of its own.
 */
@QuarkusTest
@TestProfile(ReportApiIT.TokensAndOwnDirectories.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportApiIT {

    static final String VIEWER = "viewer-" + UUID.randomUUID();

    public static class TokensAndOwnDirectories implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String id = UUID.randomUUID().toString().substring(0, 8);
            Path dir = Path.of("target", "it-api", id).toAbsolutePath();
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve("tokens"), List.of("# test tokens",
                        TokenFile.line(VIEWER, Role.VIEWER, "vera-viewer")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "faultline.dynamodb.endpoint", TestInfrastructure.requireDynamoDb().toString(),
                    "faultline.dynamodb.table-prefix", "it-api-" + id + "-",
                    "faultline.report.dir", dir.resolve("reports").toString(),
                    "faultline.auth.tokens-file", dir.resolve("tokens").toString());
        }
    }

    @Inject
    ReportWriter writer;

    @Inject
    DynamoDbClient dynamo;

    @ConfigProperty(name = "faultline.dynamodb.table-prefix")
    String tablePrefix;

    @AfterAll
    void dropTables() {
        OwnTables.drop(dynamo, tablePrefix);
    }

    private String written() {
        String run = "run-" + UUID.randomUUID();
        writer.write(RunReport.of(RunFixtures.failedVerdict(run), RunFixtures.events(run), Optional.empty()));
        return run;
    }

    @Test
    void everyFormatIsServedWithItsContentType() throws IOException {
        String run = written();

        String html = given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=html", run).then()
                .statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertThat(html).isEqualTo(Files.readString(writer.file(run, ReportWriter.HTML)));
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}", run).then()
                .statusCode(200).contentType(startsWith("text/html"));
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=md", run).then()
                .statusCode(200).contentType(startsWith("text/markdown"))
                .body(startsWith("# Chaos run report: kill-web — FAIL"));
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=json", run).then()
                .statusCode(200).contentType(startsWith("application/json")).body("runId", org.hamcrest.Matchers.is(run));
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=junit", run).then()
                .statusCode(200).contentType(startsWith("application/xml")).body(containsString("<testsuite"));
    }

    @Test
    void aReportNotWrittenYetIs404WithAJsonError() {
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=html", "run-never-" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/json"))
                .body("error", startsWith("no html report of run run-never-"));
        given().auth().oauth2(VIEWER).get("/api/v1/reports/{run}?format=pdf", written())
                .then().statusCode(400).body("error", containsString("use one of html, md, json, junit"));
    }

    @Test
    void aRunIdCannotReadOutsideTheReportDirectory() {
        given().auth().oauth2(VIEWER).urlEncodingEnabled(false).get("/api/v1/reports/..%2F..%2Ftokens?format=md")
                .then().statusCode(404);
    }

    @Test
    void withoutAValidTokenEverythingButHealthIs401() {
        String run = written();
        given().get("/api/v1/reports/{run}", run).then().statusCode(401)
                .contentType(startsWith("application/json")).header("WWW-Authenticate", startsWith("Bearer"))
                .body("error", startsWith("a valid bearer token is required"));
        given().auth().oauth2("not-a-token").get("/api/v1/reports").then().statusCode(401);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theIndexIsServedFromTheStoredRuns() {
        given().auth().oauth2(VIEWER).get("/api/v1/reports").then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("<h1>Faultline runs</h1>"));
    }
}
