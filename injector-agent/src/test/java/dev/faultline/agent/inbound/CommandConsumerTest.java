package dev.faultline.agent.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.faultline.agent.testing.Commands;
import dev.faultline.common.command.InjectFault;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FailureReason;
import dev.faultline.common.event.FaultFailed;
import dev.faultline.common.json.ChaosJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import dev.faultline.agent.testing.TestKeys;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The agent as deployed, with in-memory channels instead of Kafka and an empty fake host instead of Docker
 * (testing.FakeContainerRuntime): a command goes in as JSON, an event comes out as JSON.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class CommandConsumerTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Test
    void injectForAnUnknownContainerComesBackAsTargetNotFound() throws Exception {
        InMemorySink<String> events = connector.sink("events");
        events.clear();
        InjectFault inject = Commands.inject("test-agent", "no-such-container", "f-unknown", Commands.dockerKill());

        // An unreadable record first: the consumer must skip it and go on.
        connector.source("commands").send("{ not a command");
        connector.source("commands").send(TestKeys.signedJson(inject));

        FaultFailed failed = awaitEvent(events, FaultFailed.class, 10_000);
        assertThat(failed.reason()).isEqualTo(FailureReason.TARGET_NOT_FOUND);
        assertThat(failed.faultId()).isEqualTo("f-unknown");
        assertThat(failed.runId()).isEqualTo("run-1");
        assertThat(failed.agentId()).isEqualTo("test-agent");
    }

    @Test
    void commandsForOtherAgentsProduceNothing() throws Exception {
        InMemorySink<String> events = connector.sink("events");
        events.clear();

        connector.source("commands").send(TestKeys.signedJson(
                Commands.inject("other-agent", "no-such-container", "f-other", Commands.dockerKill())));
        connector.source("commands").send(TestKeys.signedJson(
                Commands.inject("test-agent", "no-such-container", "f-mine", Commands.dockerKill())));

        // Commands are handled in order, so once the second one is answered the first one was handled too.
        FaultFailed failed = awaitEvent(events, FaultFailed.class, 10_000);
        assertThat(failed.faultId()).isEqualTo("f-mine");
        assertThat(events.received()).hasSize(1);
    }

    @Test
    void listsTheFaultTypesThisAgentSupports() {
        given().get("/api/v1/faults")
                .then().statusCode(200)
                .body("find { it.type == 'container-kill' }.supported", org.hamcrest.Matchers.is(true))
                .body("type", hasItem("container-kill"));
    }

    private static <E extends ChaosEvent> E awaitEvent(InMemorySink<String> sink, Class<E> type, long timeoutMillis) {
        return await("a " + type.getSimpleName() + " among the events sent").atMost(Duration.ofMillis(timeoutMillis))
                .until(() -> sink.received().stream()
                        .map(Message::getPayload)
                        .map(CommandConsumerTest::read)
                        .filter(type::isInstance)
                        .map(type::cast)
                        .findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static ChaosEvent read(String json) {
        try {
            return ChaosJson.read(json, ChaosEvent.class);
        } catch (Exception e) {
            throw new AssertionError("unreadable event " + json, e);
        }
    }
}
