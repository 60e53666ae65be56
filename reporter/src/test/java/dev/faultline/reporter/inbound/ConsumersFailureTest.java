package dev.faultline.reporter.inbound;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.reporter.alert.AlertTrigger;
import dev.faultline.reporter.index.RunsIndex;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.store.RunStore;
import dev.faultline.reporter.store.RunTables;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the consumers do when DynamoDB cannot be reached (a port on which nothing listens): a message that should be
 * stored makes the consumer throw, which nacks it, while records that are never stored are skipped without touching
 * DynamoDB.
 */
class ConsumersFailureTest {

    /** Never reached in these tests: every message fails or is skipped before its alert. */
    private static final AlertTrigger NO_ALERTS = new AlertTrigger() {
        @Override
        public void onVerdict(RunVerdict verdict) {
            throw new AssertionError("no verdict should reach the alerts");
        }

        @Override
        public void onEvent(ChaosEvent event) {
            throw new AssertionError("no event should reach the alerts");
        }
    };

    @TempDir
    Path reports;

    private DynamoDbClient unreachable;
    private EventsConsumer events;
    private VerdictsConsumer verdicts;

    @BeforeEach
    void consumersWithoutDynamoDb() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        unreachable = DynamoDbClients.build(Optional.of(URI.create("http://127.0.0.1:" + freePort)), "us-east-1");
        RunStore store = new RunStore(unreachable, RunTables.withPrefix("unreachable-"));
        events = new EventsConsumer(store, NO_ALERTS);
        ReportWriter writer = new ReportWriter(reports);
        verdicts = new VerdictsConsumer(new RunCompletion(store, writer,
                new RunsIndex(store, writer, Clock.systemUTC()), Clock.systemUTC()), NO_ALERTS);
    }

    @AfterEach
    void close() {
        unreachable.close();
    }

    @Test
    void anEventThatCannotBeStoredIsNackedNotDropped() {
        String json = ChaosJson.write(RunFixtures.faultInjected("run-1"));

        assertThatThrownBy(() -> events.consume(json)).isInstanceOf(SdkClientException.class);
    }

    @Test
    void aVerdictThatCannotBeRecordedIsNackedNotDropped() {
        String json = ChaosJson.write(RunFixtures.failedVerdict("run-1"));

        assertThatThrownBy(() -> verdicts.consume(json)).isInstanceOf(SdkClientException.class);
    }

    @Test
    void malformedRecordsAndHeartbeatsAreSkippedWithoutTouchingDynamoDb() {
        String heartbeat = ChaosJson.write(AgentHeartbeat.of("agent-1", "host-1", Duration.ofSeconds(5), List.of(),
                RunFixtures.T0));
        // A FaultInjected that fails the contract's validation (no run id) is as malformed as broken JSON.
        String invalid = ChaosJson.write(RunFixtures.faultInjected("run-1")).replace("\"runId\":\"run-1\",", "");

        assertThatCode(() -> {
            events.consume("not json at all");
            events.consume("");
            events.consume(heartbeat);
            events.consume(invalid);
            verdicts.consume("{\"type\":\"no-such-verdict\"}");
        }).doesNotThrowAnyException();
    }
}
