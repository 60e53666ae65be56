package dev.faultline.reporter.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.reporter.OwnTables;
import dev.faultline.reporter.RunFixtures;
import dev.faultline.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Webhooks to a real HTTP server (the JDK's, on loopback): a JSON webhook that answers its first request 503 and is
 * retried, a Slack one, and one that refuses with 400 and is not retried; every request signed with its webhook's
 * secret, each alert received once per webhook, the outcomes in the alerts table and the metric.
 */
@QuarkusTest
@TestProfile(AlertWebhookIT.ReceiverAndTables.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertWebhookIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the receiver saw it. */
    record Received(String path, String alertId, String signature, String timestamp, String body, int answered) {
    }

    /** The receiver, started before the reporter so that its port can be configured, and the webhooks' secrets. */
    public static class ReceiverAndTables implements QuarkusTestProfile {
        static final String ID = UUID.randomUUID().toString().substring(0, 8);
        static final Map<String, String> SECRETS = Map.of("/hook", "json-secret-" + ID, "/slack",
                "slack-secret-" + ID, "/refusing", "refusing-secret-" + ID);
        static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
        /** /hook answers each alert's first attempt 503: the alerts it has seen (X-Faultline-Alert-Id). */
        static final Set<String> SEEN_BY_HOOK = ConcurrentHashMap.newKeySet();
        static HttpServer server;

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            try {
                startReceiver();
                Path secrets = Files.createDirectories(Path.of("target", "it-secrets", ID));
                String[] paths = {"/hook", "/slack", "/refusing"};
                String[] formats = {"json", "slack", "json"};
                for (int i = 0; i < paths.length; i++) {
                    Path secret = secrets.resolve("webhook-" + i);
                    // With a line break, as an editor saves it: the reporter strips it.
                    Files.writeString(secret, SECRETS.get(paths[i]) + "\n");
                    config.put("faultline.alerts.webhooks[" + i + "].url",
                            "http://127.0.0.1:" + server.getAddress().getPort() + paths[i] + "?token=not-logged");
                    config.put("faultline.alerts.webhooks[" + i + "].format", formats[i]);
                    config.put("faultline.alerts.webhooks[" + i + "].secret-file", secret.toAbsolutePath().toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.put("faultline.dynamodb.endpoint", TestInfrastructure.requireDynamoDb().toString());
            config.put("faultline.dynamodb.table-prefix", "it-alert-hook-" + ID + "-");
            config.put("faultline.report.dir", Path.of("target", "it-reports", ID).toAbsolutePath().toString());
            // Short waits, so that the retry after the 503 comes within the test's patience.
            config.put("faultline.alerts.delivery.initial-backoff", "200ms");
            config.put("faultline.alerts.delivery.max-backoff", "1s");
            config.put("faultline.alerts.delivery.max-total", "20s");
            return config;
        }

        private static synchronized void startReceiver() throws IOException {
            if (server != null) {
                return;
            }
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", ReceiverAndTables::answer);
            server.start();
        }

        private static void answer(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String alertId = exchange.getRequestHeaders().getFirst("X-Faultline-Alert-Id");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = switch (path) {
                case "/hook" -> SEEN_BY_HOOK.add(alertId) ? 503 : 200;
                case "/refusing" -> 400;
                default -> 200;
            };
            var headers = exchange.getRequestHeaders();
            RECEIVED.add(new Received(path, alertId, headers.getFirst(WebhookSignature.SIGNATURE_HEADER),
                    headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body, status));
            byte[] answer = (status == 400 ? "unknown channel" : "ok").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        }
    }

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "faultline.dynamodb.table-prefix")
    String tablePrefix;

    @ConfigProperty(name = "faultline.alerts.table")
    String alertsTable;

    @AfterAll
    void stopReceiverAndDropTables() {
        ReceiverAndTables.server.stop(0);
        OwnTables.drop(dynamo, tablePrefix);
    }

    @Test
    void aFailIsRetriedAfterA503SignedOnEveryAttemptAndNotRetriedAfterA400() throws Exception {
        String run = "run-" + UUID.randomUUID();
        double sentBefore = count("sent");
        double failedBefore = count("failed");

        connector.source("verdicts").send(ChaosJson.write(RunFixtures.failedVerdict(run)));

        AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
        String alertId = "fail:" + run;
        await().atMost(WAIT).until(() -> ledger.deliveries(alertId).map(all -> all.values().stream()
                .noneMatch(d -> d.outcome().equals("pending"))).orElse(false));
        Map<String, AlertLedger.Delivery> deliveries = ledger.deliveries(alertId).orElseThrow();
        assertThat(deliveries.get("webhook-0").outcome()).isEqualTo("sent");
        assertThat(deliveries.get("webhook-0").attempts()).isEqualTo(2);
        assertThat(deliveries.get("webhook-1").outcome()).isEqualTo("sent");
        assertThat(deliveries.get("webhook-1").attempts()).isEqualTo(1);
        assertThat(deliveries.get("webhook-2").outcome()).isEqualTo("failed");
        assertThat(deliveries.get("webhook-2").attempts()).as("a 400 is not retried").isEqualTo(1);
        assertThat(deliveries.get("webhook-2").lastError()).isEqualTo("webhook-2 answered HTTP 400: unknown channel");

        List<Received> hook = receivedFor("/hook", alertId);
        assertThat(hook).extracting(Received::answered).containsExactly(503, 200);
        hook.forEach(AlertWebhookIT::assertSignedWithItsSecret);
        JsonNode body = JSON.readTree(hook.get(1).body());
        assertThat(body.path("kind").asText()).isEqualTo("fail");
        assertThat(body.path("runId").asText()).isEqualTo(run);
        assertThat(body.path("experiment").asText()).isEqualTo("kill-web");
        assertThat(body.path("verdict").asText()).isEqualTo("FAIL");
        assertThat(body.path("reportUrl").asText()).isEqualTo("http://127.0.0.1:18083/api/v1/reports/" + run
                + "?format=html");

        List<Received> slack = receivedFor("/slack", alertId);
        assertThat(slack).hasSize(1);
        assertSignedWithItsSecret(slack.get(0));
        assertThat(JSON.readTree(slack.get(0).body()).path("text").asText()).isEqualTo("run " + run
                + " of kill-web: FAIL");
        assertThat(receivedFor("/refusing", alertId)).hasSize(1);

        assertThat(count("sent")).isEqualTo(sentBefore + 2);
        assertThat(count("failed")).isEqualTo(failedBefore + 1);
    }

    @Test
    void aHaltIsAlertedOnceWithTheRunsExperimentHoweverOftenItsEventArrives() throws Exception {
        String run = "run-" + UUID.randomUUID();
        String halted = ChaosJson.write(RunAborted.of(run, "halted by alice: bad deploy", "alice",
                Instant.parse("2024-05-01T10:00:05Z")));
        connector.source("events").send(ChaosJson.write(RunFixtures.runStarted(run)));
        connector.source("events").send(halted);
        connector.source("events").send(halted);

        String alertId = "halt:" + run;
        AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
        await().atMost(WAIT).until(() -> ledger.deliveries(alertId).map(d -> d.get("webhook-1").outcome())
                .orElse("none"), "sent"::equals);
        // The second copy is consumed after the first, whose alert is claimed before the consumer moves on.
        Thread.sleep(2_000);

        List<Received> slack = receivedFor("/slack", alertId);
        assertThat(slack).hasSize(1);
        JsonNode blocks = JSON.readTree(slack.get(0).body()).path("blocks");
        assertThat(blocks.get(0).path("text").path("text").asText()).isEqualTo("run " + run + " of kill-web: halted");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .isEqualTo("\u2022 reason: halted by alice: bad deploy\n\u2022 by: alice");
        await().atMost(WAIT).until(() -> ledger.deliveries(alertId).map(d -> d.get("webhook-0").outcome())
                .orElse("none"), "sent"::equals);
        List<Received> hook = receivedFor("/hook", alertId);
        assertThat(hook).extracting(Received::answered).containsExactly(503, 200);
        assertThat(JSON.readTree(hook.get(1).body()).path("kind").asText()).isEqualTo("halt");
    }

    @Test
    void anAbortedScheduledRunAlertsOnceAsItsAbortAndNotAgainForItsFailVerdict() throws Exception {
        String run = "run-" + UUID.randomUUID();
        connector.source("events").send(ChaosJson.write(RunFixtures.runStarted(run)
                .fromSchedule("nightly", List.of("fail", "abort"))));
        connector.source("events").send(ChaosJson.write(RunAborted.of(run, "SLO breached: error rate 12 % above 5 %",
                null, Instant.parse("2024-05-01T10:00:05Z"))));

        AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
        await().atMost(WAIT).until(() -> ledger.deliveries("abort:" + run).map(d -> d.get("webhook-1").outcome())
                .orElse("none"), "sent"::equals);
        connector.source("verdicts").send(ChaosJson.write(RunFixtures.failedVerdict(run)));
        // The verdict is consumed (its run COMPLETED in the store keeps ABORTED) and raises nothing.
        Thread.sleep(3_000);

        assertThat(ledger.deliveries("fail:" + run)).as("no FAIL alert for an aborted run").isEmpty();
        assertThat(ReceiverAndTables.RECEIVED).filteredOn(r -> r.path().equals("/slack"))
                .filteredOn(r -> r.alertId().endsWith(":" + run)).extracting(Received::alertId)
                .containsExactly("abort:" + run);
    }

    @Test
    void aScheduleThatLeavesOutSkippedRaisesNoAlertForItsSkip() throws Exception {
        String schedule = "quiet-" + UUID.randomUUID();
        Instant occurrence = Instant.parse("2026-12-01T03:00:00Z");
        connector.source("events").send(ChaosJson.write(RunSkipped.of(schedule, "checkout-kill", "ab".repeat(32),
                occurrence, "halted", "Faultline is halted", List.of("fail"), Instant.now())));
        String loud = "loud-" + UUID.randomUUID();
        connector.source("events").send(ChaosJson.write(RunSkipped.of(loud, "checkout-kill", "ab".repeat(32),
                occurrence, "halted", "Faultline is halted", List.of("skipped"), Instant.now())));

        AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
        // Consumed in order: once the second skip's alert is claimed, the first has been handled.
        await().atMost(WAIT).until(() -> ledger.deliveries("skipped:" + loud + "@" + occurrence).isPresent());
        assertThat(ledger.deliveries("skipped:" + schedule + "@" + occurrence)).isEmpty();
    }

    @Test
    void aSkippedOccurrenceWhichBelongsToNoRunAlertsWithItsScheduleAndReason() throws Exception {
        String schedule = "nightly-" + UUID.randomUUID();
        Instant occurrence = Instant.parse("2026-12-01T02:00:00Z");
        connector.source("events").send(ChaosJson.write(RunSkipped.of(schedule, "checkout-kill", "ab".repeat(32),
                occurrence, "target-down", "target already down: checkout exited", Instant.now())));

        String alertId = "skipped:" + schedule + "@" + occurrence;
        AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
        await().atMost(WAIT).until(() -> ledger.deliveries(alertId).map(d -> d.get("webhook-0").outcome())
                .orElse("none"), "sent"::equals);

        List<Received> hook = receivedFor("/hook", alertId);
        assertThat(hook).extracting(Received::answered).containsExactly(503, 200);
        JsonNode body = JSON.readTree(hook.get(1).body());
        assertThat(body.path("kind").asText()).isEqualTo("skipped");
        assertThat(body.path("scheduleId").asText()).isEqualTo(schedule);
        assertThat(body.path("occurrence").asText()).isEqualTo("2026-12-01T02:00:00Z");
        assertThat(body.path("figures").get(0).asText())
                .isEqualTo("reason: target-down, target already down: checkout exited");
        assertThat(body.has("runId")).isFalse();
    }

    /** What a receiver does (docs/alerts.md): recompute the HMAC over the timestamp and body, check it is fresh. */
    private static void assertSignedWithItsSecret(Received request) {
        byte[] secret = ReceiverAndTables.SECRETS.get(request.path()).getBytes(StandardCharsets.UTF_8);
        long timestamp = Long.parseLong(request.timestamp());
        assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
        assertThat(WebhookSignature.verify(secret, timestamp, request.body(), request.signature()))
                .as("signature of %s", request.path()).isTrue();
        assertThat(WebhookSignature.verify("another secret".getBytes(StandardCharsets.UTF_8), timestamp,
                request.body(), request.signature())).isFalse();
    }

    /** The requests of one alert to one webhook, in the order they came. */
    private static List<Received> receivedFor(String path, String alertId) {
        return ReceiverAndTables.RECEIVED.stream()
                .filter(r -> r.path().equals(path) && alertId.equals(r.alertId()))
                .toList();
    }

    private double count(String outcome) {
        return metrics.counter(AlertDelivery.METRIC, "channel", "webhook", "outcome", outcome).count();
    }
}
