package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import static dev.faultline.orchestrator.testing.TestSecurity.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.orchestrator.api.RunResourceTest;
import dev.faultline.orchestrator.testing.AnnouncedTargets;
import dev.faultline.orchestrator.testing.InMemoryRunStore;
import dev.faultline.orchestrator.testing.SentMessages;
import dev.faultline.orchestrator.testing.TestSecurity;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A kill -9 of the orchestrator, as far as one process can play it: the run is dropped from memory (all the registry
 * knew), and what the next process does at start-up runs against the store the first one left (in memory here; the
 * DynamoDB store across two real processes is {@code OrchestratorRestartIT}).
 */
@QuarkusTest
@QuarkusTestResource(TestSecurity.class)
class RunRecoveryTest {

    /** A lasting fault and a long warm-up: the run is RUNNING with nothing injected while the test looks. */
    static final String LASTING = """
            name: recovery-test
            duration: 30s
            steadyState:
              warmup: 60s
              probes:
                - name: health
                  url: http://127.0.0.1:9/health
            faults:
              - target:
                  selector: {name: CONTAINER}
                fault: {type: container-pause}
            """;

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    RunCoordinator coordinator;
    @Inject
    RunRegistry runs;
    @Inject
    InMemoryRunStore store;

    @Test
    void aRunActiveWhenTheOrchestratorDiedIsAbortedWithItsReasonRevertedAndStillAnswered() throws Exception {
        String name = announceTarget();
        String runId = asOperator().contentType(RunResourceTest.YAML).body(LASTING.replace("CONTAINER", name))
                .post("/api/v1/runs").then().statusCode(201).extract().path("runId");
        assertThat(stored(runId).state()).isEqualTo(RunState.RUNNING);
        String faultId = runs.find(runId).orElseThrow().plan().get(0).faultId();

        runs.remove(runId);
        connector.sink("commands").clear();
        connector.sink("events-out").clear();
        List<Run> aborted = coordinator.recover();
        coordinator.announceRecovered(aborted);

        assertThat(aborted).extracting(Run::id).containsExactly(runId);
        asOperator().get("/api/v1/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("ABORTED"))
                .body("abortReason", equalTo(RunCoordinator.RESTARTED_REASON));
        assertThat(commands()).anySatisfy(c -> {
            assertThat(c).isInstanceOf(RevertFault.class);
            assertThat(((RevertFault) c).faultId()).isEqualTo(faultId);
        });
        assertThat(events()).anySatisfy(e -> {
            assertThat(e).isInstanceOf(RunAborted.class);
            assertThat(e.runId()).isEqualTo(runId);
            assertThat(((RunAborted) e).reason()).isEqualTo(RunCoordinator.RESTARTED_REASON);
        });
        // The abort itself is stored: a second restart aborts nothing again and takes nothing back (the registry holds
        // live runs only), and the API still answers for the ended run, from the store.
        runs.remove(runId);
        connector.sink("events-out").clear();
        assertThat(coordinator.recover()).isEmpty();
        assertThat(runs.find(runId)).isEmpty();
        assertThat(stored(runId).state()).isEqualTo(RunState.ABORTED);
        asOperator().get("/api/v1/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("ABORTED"))
                .body("abortReason", equalTo(RunCoordinator.RESTARTED_REASON));
        asOperator().get("/api/v1/runs?experiment=recovery-test").then().statusCode(200)
                .body("runs.runId", org.hamcrest.Matchers.hasItem(runId));
    }

    private RunView stored(String runId) {
        return store.stored(runId).orElseThrow();
    }

    private String announceTarget() {
        return AnnouncedTargets.announceTarget(connector);
    }

    private List<ChaosCommand> commands() {
        return SentMessages.commands(connector);
    }

    private List<ChaosEvent> events() {
        return SentMessages.read(connector, "events-out", ChaosEvent.class);
    }
}
