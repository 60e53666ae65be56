package dev.faultline.reporter.store;

import dev.faultline.dynamodb.DynamoDbClients;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB client and the tables, built from {@link DynamoDbSettings} with the plain AWS SDK (the Quarkiverse
 * extension is not served on every build machine).
 */
public final class DynamoDbClientProducer {

    @Produces
    @Singleton
    DynamoDbClient dynamoDbClient(DynamoDbSettings settings) {
        return DynamoDbClients.build(settings.endpoint(), settings.region());
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }

    /**
     * The tables, created if absent before anyone can use them: whatever receives a {@link RunTables} can write.
     * Eager so that a reporter that cannot reach DynamoDB fails at start-up rather than at its first message.
     */
    @Produces
    @Singleton
    @Startup
    RunTables readyTables(DynamoDbClient client, DynamoDbSettings settings) {
        RunTables tables = RunTables.withPrefix(settings.tablePrefix());
        tables.ensure(client);
        return tables;
    }
}
