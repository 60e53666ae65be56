package dev.faultline.reporter.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole alert path on the real SNS API of the local stack (fauxqs): a topic of this test's own with an SQS queue
 * subscribed to it, a FAIL verdict into the reporter (in-memory channel, tables of this test's own on dynalite), and
 * the alert read back from the queue with the AWS SDK, once, even when the verdict is delivered again.
 */
@QuarkusTest
@TestProfile(AlertSnsIT.OwnTopicAndTables.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertSnsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A topic and a subscribed queue made before the reporter starts, and a table prefix of this run's own. */
    public static class OwnTopicAndTables implements QuarkusTestProfile {
        static final String ID = UUID.randomUUID().toString().substring(0, 8);
        static final String TOPIC = "it-alerts-" + ID;
        static final String QUEUE = "it-alerts-inbox-" + ID;

        @Override
        public Map<String, String> getConfigOverrides() {
            URI endpoint = TestInfrastructure.requireSns();
            String topicArn;
            try (SnsClient sns = sns(endpoint); SqsClient sqs = sqs(endpoint)) {
                topicArn = sns.createTopic(b -> b.name(TOPIC)).topicArn();
                String queueUrl = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
                String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
                sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
            }
            return Map.of(
                    "faultline.dynamodb.endpoint", TestInfrastructure.requireDynamoDb().toString(),
                    "faultline.dynamodb.table-prefix", "it-alert-sns-" + ID + "-",
                    "faultline.report.dir", Path.of("target", "it-reports", ID).toAbsolutePath().toString(),
                    "faultline.alerts.sns.endpoint", endpoint.toString(),
                    "faultline.alerts.sns.topic-arn", topicArn,
                    "faultline.alerts.report-base-url", "https://faultline.example");
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

    private final URI endpoint = TestInfrastructure.snsEndpoint();

    @AfterAll
    void dropTopicQueueAndTables() {
        try (SnsClient sns = sns(endpoint); SqsClient sqs = sqs(endpoint)) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(OwnTopicAndTables.QUEUE)).queueUrl();
            sqs.deleteQueue(b -> b.queueUrl(queueUrl));
            sns.listTopics().topics().stream().filter(t -> t.topicArn().endsWith(":" + OwnTopicAndTables.TOPIC))
                    .forEach(t -> sns.deleteTopic(b -> b.topicArn(t.topicArn())));
        }
        OwnTables.drop(dynamo, tablePrefix);
    }

    @Test
    void aFailVerdictIsPublishedOnceWithItsAttributesAndFiguresEvenWhenDeliveredAgain() throws Exception {
        String run = "run-" + UUID.randomUUID();
        String verdict = ChaosJson.write(RunFixtures.failedVerdict(run));
        double sentBefore = sent();

        connector.source("verdicts").send(verdict);

        try (SqsClient sqs = sqs(endpoint)) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(OwnTopicAndTables.QUEUE)).queueUrl();
            List<Message> received = await().atMost(WAIT).until(() -> receive(sqs, queueUrl, 2), m -> !m.isEmpty());
            assertThat(received).hasSize(1);

            // The SNS envelope, as a subscribed queue gets it without raw delivery.
            JsonNode envelope = JSON.readTree(received.get(0).body());
            assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
            assertThat(envelope.path("TopicArn").asText()).endsWith(":" + OwnTopicAndTables.TOPIC);
            assertThat(envelope.path("Subject").asText()).isEqualTo("[Faultline] run " + run + " of kill-web: FAIL");
            JsonNode attributes = envelope.path("MessageAttributes");
            assertThat(attribute(attributes, "kind")).isEqualTo("fail");
            assertThat(attribute(attributes, "verdict")).isEqualTo("FAIL");
            assertThat(attribute(attributes, "experiment")).isEqualTo("kill-web");
            assertThat(attribute(attributes, "runId")).isEqualTo(run);
            assertThat(attribute(attributes, "alertId")).isEqualTo("fail:" + run);
            assertThat(attributes.path("runId").path("Type").asText()).isEqualTo("String");
            assertThat(envelope.path("Message").asText())
                    .startsWith("run " + run + " of kill-web: FAIL\n")
                    .contains("- min-availability: measured 87.5 percent vs threshold 99 percent\n")
                    .contains("- resilience score: 50/100 (1 of 2 objectives and checks met)\n")
                    .contains("- time to recover: 1234 ms")
                    .contains("report: https://faultline.example/api/v1/reports/" + run + "?format=html\n");
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(received.get(0).receiptHandle()));

            AlertLedger ledger = new AlertLedger(dynamo, alertsTable);
            await().atMost(WAIT).until(() -> ledger.deliveries("fail:" + run).orElseThrow().get("sns").outcome(),
                    "sent"::equals);
            assertThat(ledger.deliveries("fail:" + run).orElseThrow().get("sns").attempts()).isEqualTo(1);
            assertThat(sent()).isEqualTo(sentBefore + 1);
            assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .contains("faultline_alert_deliveries_total{channel=\"sns\",outcome=\"sent\"}")
                    .contains("faultline_alert_deliveries_total{channel=\"sns\",outcome=\"failed\"} 0.0");

            // Kafka delivers at least once: the same verdict again (a restart before the offset was committed). Its
            // processing rewrites the run's completion time, then tries to claim the alert; a claim that won would
            // publish at once, well within the receive's wait.
            String firstCompletion = completedAt(run);
            connector.source("verdicts").send(verdict);
            await().atMost(WAIT).until(() -> completedAt(run), at -> !at.equals(firstCompletion));
            assertThat(receive(sqs, queueUrl, 5)).as("nothing more published for the redelivered verdict").isEmpty();
            assertThat(sent()).isEqualTo(sentBefore + 1);
        }
    }

    private String completedAt(String run) {
        AttributeValue at = dynamo.getItem(b -> b.tableName(tablePrefix + "runs")
                .key(Map.of("runId", AttributeValue.builder().s(run).build())).consistentRead(true))
                .item().get("completedAt");
        return at == null ? "" : at.s();
    }

    private double sent() {
        return metrics.counter(AlertDelivery.METRIC, "channel", "sns", "outcome", "sent").count();
    }

    private static String attribute(JsonNode attributes, String name) {
        return attributes.path(name).path("Value").asText(null);
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(waitSeconds))
                .messages();
    }

    static SnsClient sns(URI endpoint) {
        return SnsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static SqsClient sqs(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("it", "it")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
