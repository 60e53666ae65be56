package dev.faultline.observer.run;

import dev.faultline.common.config.KafkaSecurity;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.observer.integrity.IntegrityReader;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
    private final Map<String, String> kafkaSecurity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private DynamoDbClient client; // guarded by this

    public IntegrityReaders(
            @ConfigProperty(name = "faultline.dynamodb.endpoint") Optional<URI> dynamoEndpoint,
            @ConfigProperty(name = "faultline.dynamodb.region", defaultValue = "us-east-1") String region,
            @ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap, Config config) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.region = region;
        this.kafkaBootstrap = kafkaBootstrap;
        // The topic scan reaches the broker as the channels do: the same TLS and SASL settings.
        this.kafkaSecurity = KafkaSecurity.clientProperties(name -> config.getOptionalValue(name, String.class));
    }

    public IntegrityReader reader() {
        return new IntegrityReader(this::dynamo, http, kafkaBootstrap, kafkaSecurity, System::getenv, READ_BACK_TIMEOUT);
    }

    private synchronized DynamoDbClient dynamo() {
        if (client == null) {
            client = DynamoDbClients.build(dynamoEndpoint, region);
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
