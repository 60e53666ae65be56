package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.faultline.common.audit.AuditRecord;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** One run aborted by an operator (the CLI's answer to Ctrl-C): reverted, announced, audited, and only once. */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class RunAbortTest {

    /** A lasting fault behind a long warm-up: the run is RUNNING, and an abort owes its fault a revert. */
    static final String LASTING_SLOW = HaltAndDryRunTest.SLOW.replace("type: container-kill", "type: container-pause");

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void anOperatorAbortsOneRunWhichRevertsItsFaultsAnnouncesTheAbortAndIsAudited() {
        String name = AnnouncedTargets.announceTarget(connector);
        String runId = asOperator().contentType(RunResourceTest.YAML).body(LASTING_SLOW.replace("CONTAINER", name))
                .post("/api/v1/runs").then().statusCode(201).extract().path("runId");
        clearAll();

        TestSecurity.as(TestSecurity.VIEWER).post("/api/v1/runs/" + runId + "/abort").then().statusCode(403);
        asOperator().post("/api/v1/runs/" + runId + "/abort?reason=ctrl-c").then().statusCode(200)
                .body("state", equalTo("ABORTED"))
                .body("abortReason", equalTo("aborted by otto-operator: ctrl-c"));

        // Other tests' runs share the sinks: only what belongs to this run counts.
        assertThat(SentMessages.commands(connector)).filteredOn(RevertFault.class::isInstance)
                .filteredOn(c -> runId.equals(c.runId())).hasSize(1);
        assertThat(connector.<String>sink("events-out").received()).extracting(m -> event(m.getPayload()))
                .filteredOn(RunAborted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((RunAborted) e).operator()).isEqualTo("otto-operator"));
        assertThat(SentMessages.read(connector, "audit-out", AuditRecord.class)).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("abort-run");
            assertThat(a.outcome()).isEqualTo("ok: ctrl-c");
        });

        clearAll();
        asOperator().post("/api/v1/runs/" + runId + "/abort").then().statusCode(409)
                .body("error", containsString("already ended (ABORTED)"));
        assertThat(SentMessages.commands(connector)).as("a second abort sends nothing")
                .filteredOn(c -> runId.equals(c.runId())).isEmpty();
        assertThat(connector.<String>sink("events-out").received()).filteredOn(m -> m.getPayload().contains(runId))
                .isEmpty();
        asOperator().post("/api/v1/runs/run-unknown/abort").then().statusCode(404);
    }

    private void clearAll() {
        connector.sink("commands").clear();
        connector.sink("events-out").clear();
        connector.sink("audit-out").clear();
    }

    private static ChaosEvent event(String payload) {
        try {
            return ChaosJson.read(payload, ChaosEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
