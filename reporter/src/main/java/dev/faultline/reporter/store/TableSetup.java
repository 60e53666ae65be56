package dev.faultline.reporter.store;

import java.time.Duration;
import java.util.Arrays;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Creates the reporter's tables when they are absent and waits until they are ACTIVE; tables that exist are used
 * as they are. Uses only CreateTable and DescribeTable, which every DynamoDB API (dynalite included) offers.
 */
public final class TableSetup {

    private static final Logger LOG = Logger.getLogger(TableSetup.class);
    /** Bounded wait: AWS activates an on-demand table in seconds, dynalite in well under one. */
    private static final Duration POLL = Duration.ofMillis(250);
    private static final int MAX_POLLS = 240;

    private final DynamoDbClient client;

    public TableSetup(DynamoDbClient client) {
        this.client = client;
    }

    public void ensure(RunTables tables) {
        ensure(tables.runs(), key("runId", KeyType.HASH));
        ensure(tables.runEvents(), key("runId", KeyType.HASH), key("eventKey", KeyType.RANGE));
    }

    private void ensure(String table, KeySchemaElement... keys) {
        if (!exists(table)) {
            create(table, keys);
        }
        awaitActive(table);
    }

    private boolean exists(String table) {
        try {
            client.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private void create(String table, KeySchemaElement... keys) {
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys)
                .attributeDefinitions(Arrays.stream(keys)
                        .map(k -> AttributeDefinition.builder()
                                .attributeName(k.attributeName()).attributeType(ScalarAttributeType.S).build())
                        .toList())
                .build();
        try {
            client.createTable(request);
            LOG.infof("created DynamoDB table %s", table);
        } catch (ResourceInUseException e) {
            // Another reporter instance created it between our DescribeTable and CreateTable: fine.
            LOG.debugf("table %s was created concurrently", table);
        }
    }

    private void awaitActive(String table) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.maxAttempts(MAX_POLLS).backoffStrategy(FixedDelayBackoffStrategy.create(POLL)))
                .build()) {
            WaiterResponse<DescribeTableResponse> response = waiter.waitUntilTableExists(b -> b.tableName(table));
            response.matched().exception().ifPresent(e -> {
                throw new IllegalStateException("table " + table + " did not become ACTIVE", e);
            });
        }
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
