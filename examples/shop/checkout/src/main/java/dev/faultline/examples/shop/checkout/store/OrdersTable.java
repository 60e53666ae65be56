package dev.faultline.examples.shop.checkout.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * The orders table, keyed by idempotency key, created when absent. Both checkout replicas may try at once: the loser
 * of the race sees "in use" and waits like the winner. A checkout that cannot reach DynamoDB starts anyway and stays
 * not ready (its readiness check asks {@link #ready()} again), so the load balancer sends it nothing.
 */
@Singleton
public class OrdersTable {

    static final String KEY = "idempotencyKey";
    private static final Logger LOG = Logger.getLogger(OrdersTable.class);

    private final DynamoDbClient client;
    private final String name;
    private final AtomicBoolean active = new AtomicBoolean();

    OrdersTable(DynamoDbClient client, DynamoDbSettings settings) {
        this.client = client;
        this.name = settings.ordersTable();
    }

    public String name() {
        return name;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ready();
        } catch (SdkException e) {
            LOG.warnf("orders table %s not ready yet (%s); readiness will ask again", name, e.getMessage());
        }
    }

    /** True once the table exists and is active; creates it when missing. */
    public boolean ready() {
        if (active.get()) {
            return true;
        }
        try {
            TableStatus status = client.describeTable(b -> b.tableName(name)).table().tableStatus();
            active.set(status == TableStatus.ACTIVE);
        } catch (ResourceNotFoundException e) {
            create();
        }
        return active.get();
    }

    private void create() {
        try {
            client.createTable(b -> b.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
            LOG.infof("created table %s", name);
        } catch (ResourceInUseException e) {
            LOG.debugf("table %s is being created by another replica", name);
        }
    }
}
