package dev.faultline.observer.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.testsupport.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Writes orders to a real DynamoDB API (dynalite) and order events to a real Kafka, acknowledges them all, then
 * plants a loss (one order deleted after its acknowledgement, one event never sent, one sent twice): the reader
 * must report exactly those, every time.
 */
class IntegrityReaderIT {

    private final Random random = new Random();
    private DynamoDbClient dynamo;
    private String table;
    private String topic;
    private Admin admin;

    @BeforeEach
    void setUp() throws Exception {
        URI endpoint = TestInfrastructure.requireDynamoDb();
        dynamo = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        table = "it-orders-" + suffix;
        topic = "it-order-events-" + suffix;
        dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("orderId").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("orderId").keyType(KeyType.HASH)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        admin = Admin.create(props);
        admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (admin != null) {
            admin.deleteTopics(List.of(topic)).all().get();
            admin.close();
        }
        if (dynamo != null) {
            dynamo.deleteTable(b -> b.tableName(table));
            dynamo.close();
        }
    }

    @Test // every time: IntegrityCheckTest repeats the comparison with a random planted loss 50 times
    void aPlantedLossIsReportedAsMissing() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            acknowledged.add("order-" + UUID.randomUUID());
        }
        String deletedAfterAck = acknowledged.get(random.nextInt(60));
        String neverPublished = acknowledged.get(60 + random.nextInt(30));
        String publishedTwice = acknowledged.get(90 + random.nextInt(30));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (String id : acknowledged) {
                dynamo.putItem(b -> b.tableName(table).item(Map.of("orderId", AttributeValue.fromS(id),
                        "qty", AttributeValue.fromN("1"))));
                int copies = id.equals(neverPublished) ? 0 : id.equals(publishedTwice) ? 2 : 1;
                for (int c = 0; c < copies; c++) {
                    producer.send(new ProducerRecord<>(topic, "k-" + id,
                            "{\"type\":\"order-placed\",\"orderId\":\"" + id + "\"}"));
                }
            }
            producer.flush();
        }
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("orderId", AttributeValue.fromS(deletedAfterAck))));

        IntegrityReport report = new IntegrityReader(dynamo, TestInfrastructure.kafkaBootstrap(), Duration.ofSeconds(20))
                .check(new DataIntegrity(table, "orderId", topic, "orderId"), acknowledged);

        assertThat(report.acknowledged()).isEqualTo(120);
        assertThat(report.missingInTable()).containsExactly(deletedAfterAck);
        assertThat(report.missingInTopic()).containsExactly(neverPublished);
        assertThat(report.duplicatedInTopic()).containsExactly(publishedTwice);
        assertThat(report.rpoZero()).isFalse();
    }
}
