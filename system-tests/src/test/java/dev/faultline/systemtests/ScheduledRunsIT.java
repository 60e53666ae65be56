package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunScheduled;
import dev.faultline.common.event.RunSkipped;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.testsupport.TestContainers;
import dev.faultline.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schedule on the real services: every 20 s (a Quartz cron with seconds, so three occurrences take a minute, not
 * three) the container-kill experiment runs on a real container without anyone starting it; then the container is
 * stopped and the next occurrence is skipped as "target already down", on record in the occurrences and as a
 * {@code run-skipped} event on the stack's {@code chaos-events}. The reporter's own alert kinds are {@code fail}
 * only, the schedule names {@code skipped} (and abort, halt): the skip alerts, once, on the SNS topic (read back from
 * the SQS queue subscribed to it) and on a signed webhook, because its schedule said so.
 */
class ScheduledRunsIT {

    static final String EVERY_20_SECONDS = "0/20 * * * * ?";

    /** Made before the stack (static fields in order): the reporter is started with its topic and webhook. */
    static final AlertInbox alerts = new AlertInbox();

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.create().withProperties(FaultlineStack.Service.REPORTER,
            alerts.reporterProperties("fail", Path.of("target", "e2e-alert-secrets")));

    @AfterAll
    static void closeInbox() {
        alerts.close();
    }

    @Test
    void aScheduleRunsThreeTimesByItselfAndSkipsAnOccurrenceWhoseTargetIsDown() throws Exception {
        FaultlineStack stack = system.stack();
        TestContainers.Started target = system.announcedDemoTarget("faultline-e2e-scheduled", Map.of("app", "e2e"));
        String experiment = Experiments.containerKill("e2e-scheduled-kill", "target-health", target.url("/health"),
                Duration.ofMillis(250), target.name());
        String body = ChaosJson.write(Map.of("experiment", experiment, "cron", EVERY_20_SECONDS, "zone", "UTC",
                "announceAhead", "5s", "alertOn", List.of("skipped", "abort", "halt")));

        HttpResponse<String> created = stack.post(FaultlineStack.Service.ORCHESTRATOR, "/api/v1/schedules",
                "application/json", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String scheduleId = ChaosJson.messages().readTree(created.body()).get("scheduleId").asText();

        // Three runs, each started by the schedule and judged; nobody calls POST /api/v1/runs.
        List<String> runIds = new ArrayList<>();
        Await.until("three started occurrences of " + scheduleId, Duration.ofSeconds(120), () -> {
            runIds.clear();
            for (JsonNode o : occurrences(stack, scheduleId)) {
                if ("STARTED".equals(o.path("state").asText())) {
                    runIds.add(o.path("runId").asText());
                }
            }
            return runIds.size() >= 3;
        });
        for (String runId : runIds.subList(0, 3)) {
            JsonNode run = stack.awaitCompleted(runId, Duration.ofSeconds(60));
            assertThat(run.path("experimentName").asText()).isEqualTo("e2e-scheduled-kill");
            assertThat(run.path("verdict").path("verdict").asText()).as(run.toString()).isEqualTo("PASS");
        }

        // The target goes down before an occurrence: the occurrence is skipped, not run against a dead system.
        Instant stoppedAt = Instant.now();
        system.containers().docker().stopContainerCmd(target.id()).withTimeout(2).exec();
        JsonNode skipped = awaitSkippedAfter(stack, scheduleId, stoppedAt);
        assertThat(skipped.path("reasonCode").asText()).as(skipped.toString()).isEqualTo("target-down");
        assertThat(skipped.path("reason").asText()).startsWith("target already down");
        assertThat(stack.post(FaultlineStack.Service.ORCHESTRATOR, "/api/v1/schedules/" + scheduleId + "/pause",
                "application/json", "").statusCode()).isEqualTo(200);

        List<ChaosEvent> events = scheduleEvents(stack, scheduleId, Instant.parse(skipped.path("occurrence").asText()));
        assertThat(events).filteredOn(RunSkipped.class::isInstance).map(RunSkipped.class::cast)
                .anySatisfy(e -> {
                    assertThat(e.occurrence()).isEqualTo(Instant.parse(skipped.path("occurrence").asText()));
                    assertThat(e.reasonCode()).isEqualTo("target-down");
                    assertThat(e.reason()).startsWith("target already down");
                    assertThat(e.experiment()).isEqualTo("e2e-scheduled-kill");
                });
        assertThat(events).filteredOn(RunScheduled.class::isInstance).as("each occurrence announced ahead")
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(events).filteredOn(RunSkipped.class::isInstance).map(RunSkipped.class::cast)
                .allSatisfy(e -> assertThat(e.alertOn()).containsExactly("skipped", "abort", "halt"));

        // The skip alerts as its schedule asked, though the reporter's own kinds are fail only; the PASS runs not.
        String alertId = "skipped:" + scheduleId + "@" + skipped.path("occurrence").asText();
        Await.until("the skip's alert on the webhook and the queue", Duration.ofSeconds(30),
                () -> alerts.webhooks().stream().anyMatch(w -> alertId.equals(w.alertId()))
                        && alerts.published().stream().anyMatch(m -> alertId.equals(attribute(m, "alertId"))));
        Thread.sleep(2_000); // a second copy, if there were one, would be sent at once
        assertThat(alerts.webhooks()).filteredOn(w -> w.body().path("scheduleId").asText().equals(scheduleId))
                .singleElement().satisfies(w -> {
                    assertThat(w.alertId()).isEqualTo(alertId);
                    assertThat(w.signatureValid()).isTrue();
                    assertThat(w.body().path("kind").asText()).isEqualTo("skipped");
                    assertThat(w.body().path("figures").get(0).asText()).startsWith("reason: target-down");
                });
        assertThat(alerts.published()).filteredOn(m -> scheduleId.equals(attribute(m, "scheduleId")))
                .singleElement().satisfies(m -> {
                    assertThat(attribute(m, "kind")).isEqualTo("skipped");
                    assertThat(m.path("Message").asText()).contains("reason: target-down");
                });
        assertThat(alerts.webhooks()).as("no alert for the PASS runs").extracting(AlertInbox.Webhook::alertId)
                .noneMatch(id -> runIds.stream().anyMatch(id::endsWith));
    }

    /** A message attribute of an SNS envelope as it arrives on the subscribed queue. */
    private static String attribute(JsonNode envelope, String name) {
        return envelope.path("MessageAttributes").path(name).path("Value").asText(null);
    }

    /** The schedule's occurrences, newest first, as the API answers (for {@link Await}: no checked exception). */
    private static JsonNode occurrences(FaultlineStack stack, String scheduleId) {
        try {
            return ChaosJson.messages().readTree(stack.get(FaultlineStack.Service.ORCHESTRATOR,
                    "/api/v1/schedules/" + scheduleId + "/occurrences?limit=50").body());
        } catch (Exception e) {
            throw new IllegalStateException("GET occurrences of " + scheduleId + ": " + e.getMessage(), e);
        }
    }

    /** The first occurrence skipped whose cron instant is after {@code after}. */
    private static JsonNode awaitSkippedAfter(FaultlineStack stack, String scheduleId, Instant after) {
        JsonNode[] found = new JsonNode[1];
        Await.until("a skipped occurrence of " + scheduleId + " after " + after, Duration.ofSeconds(90), () -> {
            for (JsonNode o : occurrences(stack, scheduleId)) {
                if ("SKIPPED".equals(o.path("state").asText())
                        && Instant.parse(o.path("occurrence").asText()).isAfter(after)) {
                    found[0] = o;
                }
            }
            return found[0] != null;
        });
        return found[0];
    }

    /** The schedule's events on the stack's chaos-events, read from the start until the one skip is among them. */
    private static List<ChaosEvent> scheduleEvents(FaultlineStack stack, String scheduleId, Instant skippedOccurrence)
            throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, stack.isolation + "-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ChaosEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(stack.topicPrefix + "chaos-events"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && events.stream().noneMatch(
                    e -> e instanceof RunSkipped s && s.occurrence().equals(skippedOccurrence))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (scheduleId.equals(record.key())) {
                        events.add(ChaosJson.read(record.value(), ChaosEvent.class));
                    }
                }
            }
        }
        return events;
    }
}
