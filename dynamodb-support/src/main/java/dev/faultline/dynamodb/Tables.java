package dev.faultline.dynamodb;

import java.time.Duration;
import java.util.Arrays;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates a service's table when it is absent (on-demand billing, string keys) and waits until it is ACTIVE; a
 * table that exists is used as it is. Uses only CreateTable and DescribeTable, which every DynamoDB API (dynalite
 * included) offers; two instances creating the same table at once are fine.
 */
public final class Tables {

    private static final Logger LOG = Logger.getLogger(Tables.class);
    /** Bounded wait: AWS activates an on-demand table in seconds, dynalite in well under one. */
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int MAX_POLLS = 240;

    private Tables() {
    }

    /** A string partition key. */
    public static KeySchemaElement partitionKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    /** A string sort key. */
    public static KeySchemaElement sortKey(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }

    public static void ensure(DynamoDbClient client, String table, KeySchemaElement... keys) {
        if (!exists(client, table)) {
            create(client, table, keys);
        }
        awaitActive(client, table);
    }

    private static boolean exists(DynamoDbClient client, String table) {
        try {
            client.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void create(DynamoDbClient client, String table, KeySchemaElement... keys) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(keys)
                    .attributeDefinitions(Arrays.stream(keys)
                            .map(k -> AttributeDefinition.builder()
                                    .attributeName(k.attributeName()).attributeType(ScalarAttributeType.S).build())
                            .toList()));
            LOG.infof("created DynamoDB table %s", table);
        } catch (ResourceInUseException e) {
            // Another instance created it between our DescribeTable and CreateTable: fine.
            LOG.debugf("table %s was created concurrently", table);
        }
    }

    /** Waits until the table is ACTIVE (bounded). */
    public static void awaitActive(DynamoDbClient client, String table) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.maxAttempts(MAX_POLLS).backoffStrategy(FixedDelayBackoffStrategy.create(POLL)))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table)).matched().exception().ifPresent(e -> {
                throw new IllegalStateException("table " + table + " did not become ACTIVE", e);
            });
        }
    }

    /** Waits until every global secondary index of the table is ACTIVE (bounded), e.g. after UpdateTable added one. */
    public static void awaitIndexesActive(DynamoDbClient client, String table) {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            TableDescription description = client.describeTable(b -> b.tableName(table)).table();
            boolean active = !description.hasGlobalSecondaryIndexes() || description.globalSecondaryIndexes().stream()
                    .allMatch(i -> i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("the indexes of table " + table + " did not become ACTIVE");
    }

    /** Waits until the table is gone (bounded), after DeleteTable. */
    public static void awaitDeleted(DynamoDbClient client, String table) {
        for (int poll = 0; poll < MAX_POLLS; poll++) {
            if (!exists(client, table)) {
                return;
            }
            sleep();
        }
        throw new IllegalStateException("table " + table + " was not deleted");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a table", e);
        }
    }
}
