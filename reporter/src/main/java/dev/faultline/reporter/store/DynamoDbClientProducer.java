package dev.faultline.reporter.store;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB client and the tables, built from {@link DynamoDbSettings} with the plain AWS SDK (the Quarkiverse
 * extension is not served on every build machine).
 */
public final class DynamoDbClientProducer {

    /**
     * DynamoDB answers in milliseconds; a call that hangs (a half-closed keep-alive connection) should fail and be
     * retried by the SDK well before the consumer looks stuck, instead of after the client's 30 s default.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @Singleton
    DynamoDbClient dynamoDbClient(DynamoDbSettings settings) {
        return build(settings.endpoint(), settings.region());
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
        new TableSetup(client).ensure(tables);
        return tables;
    }

    /**
     * With an endpoint (dynalite, local testing) the credentials are dummies, since such a server checks none; without
     * one the SDK's default chain finds the real ones.
     */
    public static DynamoDbClient build(Optional<URI> endpoint, String region) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT)
                        .build())
                .region(Region.of(region));
        endpoint.ifPresent(uri -> builder
                .endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("faultline", "local"))));
        return builder.build();
    }
}
