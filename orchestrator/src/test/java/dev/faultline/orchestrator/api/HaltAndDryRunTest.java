package dev.faultline.orchestrator.api;

import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.faultline.common.audit.AuditRecord;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.HaltAll;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.orchestrator.run.LeaseRenewer;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class HaltAndDryRunTest {

    /** A long warm-up: the run stays RUNNING without injecting anything while the test looks at it. */
    static final String SLOW = RunResourceTest.EXPERIMENT.replace("warmup: 0s", "warmup: 60s");

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    LeaseRenewer renewer;

    @Test
    void aDryRunReturnsThePlanWithItsAgentsAndSendsNothing() {
        String name = announceTarget();
        clearAll();

        asOperator().contentType(RunResourceTest.YAML).body(RunResourceTest.EXPERIMENT.replace("CONTAINER", name))
                .post("/api/v1/runs?dryRun=true")
                .then().statusCode(200)
                .body("plan[0].target.containerName", equalTo(name))
                .body("agents[0].agentId", equalTo("agent-" + name))
                .body("agents[0].hostname", equalTo("host-" + name))
                .body("agents[0].faults", equalTo(1));

        // Other tests' runs share the sinks and may renew or revert meanwhile: nothing may name this target.
        assertThat(connector.<String>sink("commands").received()).as("commands after a dry run")
                .filteredOn(m -> m.getPayload().contains(name)).isEmpty();
        assertThat(connector.<String>sink("events-out").received()).as("events after a dry run")
                .filteredOn(m -> m.getPayload().contains(name)).isEmpty();
        // The dry run is an operator action: it is on the audit trail, and that is all it leaves.
        assertThat(audits()).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("dry-run");
            assertThat(a.operator()).isEqualTo("otto-operator");
        });
        asOperator().get("/api/v1/runs").then().statusCode(200);
    }

    @Test
    void haltSendsASignedHaltAllAbortsRunningRunsStopsTheirLeasesAndIsAudited() {
        String name = announceTarget();
        String runId = asOperator().contentType(RunResourceTest.YAML).body(SLOW.replace("CONTAINER", name))
                .post("/api/v1/runs").then().statusCode(201).extract().path("runId");
        clearAll();
        renewer.renewAll();
        assertThat(commands()).anySatisfy(c -> assertThat(c).isInstanceOf(RenewLease.class)
                .extracting(ChaosCommand::runId).isEqualTo(runId));

        clearAll();
        String haltId = asOperator().post("/api/v1/halt?reason=drill").then().statusCode(200)
                .body("abortedRuns", hasItem(runId))
                .body("operator", equalTo("otto-operator"))
                .extract().path("haltMessageId");

        assertThat(commands()).filteredOn(HaltAll.class::isInstance).singleElement().satisfies(c -> {
            assertThat(c.messageId()).isEqualTo(haltId);
            assertThat(((HaltAll) c).operator()).isEqualTo("otto-operator");
        });
        assertThat(connector.<String>sink("events-out").received().stream().map(HaltAndDryRunTest::event))
                .anySatisfy(e -> assertThat(e).isInstanceOf(RunAborted.class)
                        .extracting(ChaosEvent::runId).isEqualTo(runId));
        asOperator().get("/api/v1/runs/" + runId).then().body("state", equalTo("ABORTED"));
        assertThat(audits()).anySatisfy(a -> {
            assertThat(a.action()).isEqualTo("halt");
            assertThat(a.outcome()).contains(runId);
        });

        clearAll();
        renewer.renewAll();
        assertThat(commands()).as("no renewal for an aborted run")
                .noneMatch(c -> c instanceof RenewLease && runId.equals(c.runId()));
    }

    private String announceTarget() {
        return AnnouncedTargets.announceTarget(connector);
    }

    private void clearAll() {
        connector.sink("commands").clear();
        connector.sink("events-out").clear();
        connector.sink("audit-out").clear();
    }

    private List<ChaosCommand> commands() {
        return SentMessages.commands(connector);
    }

    private List<AuditRecord> audits() {
        return SentMessages.read(connector, "audit-out", AuditRecord.class);
    }

    private static ChaosEvent event(Message<String> m) {
        try {
            return ChaosJson.read(m.getPayload(), ChaosEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
