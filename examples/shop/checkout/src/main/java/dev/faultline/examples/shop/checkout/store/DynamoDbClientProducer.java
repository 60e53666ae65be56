package dev.faultline.examples.shop.checkout.store;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The DynamoDB client, with the plain AWS SDK (as Faultline's reporter does) and short timeouts. */
public final class DynamoDbClientProducer {

    /** DynamoDB answers in milliseconds; a hung call should fail (and be retried by the SDK) long before a client gives up. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @Produces
    @Singleton
    DynamoDbClient dynamoDbClient(DynamoDbSettings settings) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(READ_TIMEOUT)
                        .build())
                .region(Region.of(settings.region()));
        // A local endpoint (dynalite) checks no credentials; without one the SDK's default chain finds the real ones.
        settings.endpoint().ifPresent(uri -> builder
                .endpointOverride(uri)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("shop", "local"))));
        return builder.build();
    }

    void close(@Disposes DynamoDbClient client) {
        client.close();
    }
}
