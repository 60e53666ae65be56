package dev.faultline.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.run.RunState;
import dev.faultline.testsupport.TestInfrastructure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Against the real DynamoDB API (dynalite): a table is created once with the keys asked for and then used as it is,
 * and the lifecycle condition lets a run's state move forward only.
 */
class TablesIT {

    @Test
    void anAbsentTableIsCreatedWithItsKeysAndAnExistingOneIsUsedAsItIs() {
        String table = "it-tables-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient client = DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()),
                "us-east-1")) {
            try {
                Tables.ensure(client, table, Tables.partitionKey("runId"), Tables.sortKey("eventKey"));
                Tables.ensure(client, table, Tables.partitionKey("runId"), Tables.sortKey("eventKey"));

                var description = client.describeTable(b -> b.tableName(table)).table();
                assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
                assertThat(description.keySchema()).extracting(KeySchemaElement::attributeName)
                        .containsExactly("runId", "eventKey");
            } finally {
                client.deleteTable(b -> b.tableName(table));
            }
        }
    }

    @Test
    void theLifecycleConditionLetsAStateMoveForwardOnly() {
        String table = "it-lifecycle-" + UUID.randomUUID().toString().substring(0, 8);
        try (DynamoDbClient client = DynamoDbClients.build(Optional.of(TestInfrastructure.requireDynamoDb()),
                "us-east-1")) {
            try {
                Tables.ensure(client, table, Tables.partitionKey("runId"));
                assertThat(move(client, table, RunState.RUNNING)).isTrue();
                assertThat(move(client, table, RunState.FINISHED)).isTrue();
                assertThat(move(client, table, RunState.RUNNING)).as("never back").isFalse();
                assertThat(move(client, table, RunState.COMPLETED)).isTrue();
                assertThat(move(client, table, RunState.ABORTED)).as("an ended run stays ended").isFalse();
                assertThat(client.getItem(b -> b.tableName(table).key(Map.of("runId", AttributeValue.fromS("r1"))))
                        .item().get("state").s()).isEqualTo("COMPLETED");
            } finally {
                client.deleteTable(b -> b.tableName(table));
            }
        }
    }

    private static boolean move(DynamoDbClient client, String table, RunState target) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":target", AttributeValue.fromS(target.name()));
        String condition = LifecycleCondition.stateAbsentOrIn(List.copyOf(target.allowedFrom()), values);
        try {
            client.updateItem(b -> b.tableName(table).key(Map.of("runId", AttributeValue.fromS("r1")))
                    .updateExpression("SET #state = :target").conditionExpression(condition)
                    .expressionAttributeNames(Map.of(LifecycleCondition.STATE_NAME, "state"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
