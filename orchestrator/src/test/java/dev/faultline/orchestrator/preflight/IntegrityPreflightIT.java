package dev.faultline.orchestrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.testsupport.TestInfrastructure;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The dry run's store checks against the real broker and the real DynamoDB API (dynalite): an existing topic and
 * table pass, an absent one is named, and so is a table whose partition key is not the one the experiment names.
 */
class IntegrityPreflightIT {

    @Test
    void anExistingTopicPassesAndAnAbsentOneIsNamed() throws Exception {
        String bootstrap = TestInfrastructure.requireKafka();
        String topic = "it-preflight-" + UUID.randomUUID().toString().substring(0, 8);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        // The read-back store is an API nobody listens on: only the topic's problem is asserted on.
        DataIntegrity withTopic = DataIntegrity.ofReadBack(new HttpReadBack("http://127.0.0.1:1/items/{id}", 200),
                topic, null);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            try {
                IntegrityPreflight preflight = new IntegrityPreflight(bootstrap, Optional.empty(), "us-east-1");
                assertThat(preflight.topicProblem(topic)).isEmpty();
                assertThat(preflight.problems(withTopic)).extracting(v -> v.field())
                        .containsExactly("integrity.readBack.url");
                assertThat(preflight.topicProblem(topic + "-absent")).hasValueSatisfying(v -> {
                    assertThat(v.field()).isEqualTo("integrity.topic");
                    assertThat(v.message()).contains("no topic " + topic + "-absent");
                });
            } finally {
                admin.deleteTopics(List.of(topic)).all().get();
            }
        }
    }

    @Test
    void aBrokerThatDoesNotAnswerIsSaidSo() {
        assertThat(new IntegrityPreflight("127.0.0.1:1", Optional.empty(), "us-east-1").topicProblem("events"))
                .hasValueSatisfying(v -> assertThat(v.message()).contains("could not be checked"));
    }

    @Test
    void anExistingTableWithTheNamedKeyPassesAnAbsentOneOrAnotherKeyIsNamed() {
        URI endpoint = TestInfrastructure.requireDynamoDb();
        String table = "it-preflight-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient dynamo = DynamoDbClients.build(Optional.of(endpoint), "us-east-1")) {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("orderId")
                            .attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("orderId").keyType(KeyType.HASH).build()));
            try {
                IntegrityPreflight preflight = new IntegrityPreflight("127.0.0.1:1", Optional.of(endpoint),
                        "us-east-1");
                assertThat(preflight.problems(new DataIntegrity(table, "orderId", null, null))).isEmpty();
                assertThat(preflight.problems(new DataIntegrity(table + "-absent", "orderId", null, null)))
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("integrity.table");
                            assertThat(v.message()).contains("no table " + table + "-absent at " + endpoint);
                        });
                assertThat(preflight.problems(new DataIntegrity(table, "id", null, null)))
                        .singleElement().satisfies(v -> {
                            assertThat(v.field()).isEqualTo("integrity.keyAttribute");
                            assertThat(v.message()).contains("has the partition key orderId, not id");
                        });
            } finally {
                dynamo.deleteTable(b -> b.tableName(table));
            }
        }
    }
}
