package dev.faultline.orchestrator.auth;

import dev.faultline.common.auth.Role;
import static dev.faultline.orchestrator.testing.TestSecurity.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.InjectFault;
import dev.faultline.orchestrator.api.RunResourceTest;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class AuthTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void withoutATokenEveryApiCallIs401WithAJsonError() {
        given().get("/api/v1/runs").then().statusCode(401)
                .contentType("application/json").body("error", containsString("bearer token"))
                .header("WWW-Authenticate", containsString("Bearer"));
        given().post("/api/v1/halt").then().statusCode(401);
        given().contentType("application/json").body("{}").post("/api/v1/runs").then().statusCode(401);
    }

    @Test
    void aWrongTokenIs401() {
        as("not-a-token").get("/api/v1/agents").then().statusCode(401);
        given().header("Authorization", "Basic " + TestSecurity.VIEWER).get("/api/v1/agents").then().statusCode(401);
    }

    @Test
    void aViewerMayLookButNotStartARunNorHalt() {
        String target = "viewer-target-" + System.nanoTime();
        connector.sink("commands").clear();
        as(TestSecurity.VIEWER).get("/api/v1/runs").then().statusCode(200);
        as(TestSecurity.VIEWER).contentType(RunResourceTest.YAML)
                .body(RunResourceTest.EXPERIMENT.replace("CONTAINER", target))
                .post("/api/v1/runs").then().statusCode(403)
                .contentType("application/json").body("error", containsString("needs operator"));
        as(TestSecurity.VIEWER).post("/api/v1/halt").then().statusCode(403);
        // Other tests' runs share the sink and may renew or revert meanwhile: nothing may name this target, and
        // nothing may halt.
        assertThat(SentMessages.commands(connector)).as("nothing sent for a refused request")
                .noneMatch(c -> c instanceof HaltAll)
                .noneMatch(c -> c instanceof InjectFault inject && inject.target().containerName().equals(target));
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void onlyHealthTheApiDescriptionAndSwaggerUiAreOpen() {
        assertThat(AuthFilter.open("/q/health")).isTrue();
        assertThat(AuthFilter.open("/q/health/ready")).isTrue();
        assertThat(AuthFilter.open("/q/openapi")).isTrue();
        assertThat(AuthFilter.open("/q/openapi.json")).isTrue();
        assertThat(AuthFilter.open("/q/swagger-ui/index.html")).isTrue();
        assertThat(AuthFilter.open("/q/healthy-looking")).isFalse();
        assertThat(AuthFilter.open("/q/metrics")).as("Prometheus scrapes without a token").isTrue();
        assertThat(AuthFilter.open("/q/metricsx")).isFalse();
        assertThat(AuthFilter.open("/api/v1/runs")).isFalse();
        assertThat(AuthFilter.open("/api/v1/schema/experiment")).isFalse();
        assertThat(AuthFilter.open("/api/v1/q/openapi")).isFalse();
    }

    @Test
    void rolesNeededPerRequest() {
        assertThat(AuthFilter.required("GET", "/api/v1/runs")).isEqualTo(Role.VIEWER);
        assertThat(AuthFilter.required("POST", "/api/v1/runs")).isEqualTo(Role.OPERATOR);
        assertThat(AuthFilter.required("POST", "/api/v1/halt")).isEqualTo(Role.OPERATOR);
        assertThat(AuthFilter.required("POST", "/api/v1/runs/run-1/abort")).isEqualTo(Role.OPERATOR);
        assertThat(AuthFilter.required("POST", "/api/v1/runs/run-1/other")).isEqualTo(Role.ADMIN);
        assertThat(AuthFilter.required("DELETE", "/api/v1/runs/x")).isEqualTo(Role.ADMIN);
        assertThat(AuthFilter.required("PUT", "/api/v1/config")).isEqualTo(Role.ADMIN);
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
    }
}
