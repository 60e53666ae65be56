package dev.faultline.observer.run;

import dev.faultline.observer.integrity.IntegrityReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The integrity reader. Its DynamoDB client is built on first use: an observer whose experiments never read back
 * from DynamoDB never connects to it. With an endpoint (dynalite) the credentials are dummies; without one the
 * SDK's default chain finds the real ones. JDBC passwords come from the observer's environment.
 */
@ApplicationScoped
public class IntegrityReaders {

    private static final Duration READ_BACK_TIMEOUT = Duration.ofSeconds(60);

    private final Optional<URI> dynamoEndpoint;
    private final String region;
    private final String kafkaBootstrap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private DynamoDbClient client; // guarded by this

    public IntegrityReaders(
            @ConfigProperty(name = "faultline.dynamodb.endpoint") Optional<URI> dynamoEndpoint,
            @ConfigProperty(name = "faultline.dynamodb.region", defaultValue = "us-east-1") String region,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.region = region;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    public IntegrityReader reader() {
        return new IntegrityReader(this::dynamo, http, kafkaBootstrap, System::getenv, READ_BACK_TIMEOUT);
    }

    private synchronized DynamoDbClient dynamo() {
        if (client == null) {
            DynamoDbClientBuilder builder = DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(10)).build())
                    .region(Region.of(region));
            dynamoEndpoint.ifPresent(uri -> builder.endpointOverride(uri).credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("faultline", "local"))));
            client = builder.build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
