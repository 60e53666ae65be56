package dev.faultline.orchestrator.config;

import dev.faultline.orchestrator.run.DynamoDbRunStore;
import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.orchestrator.run.RunStore;
import dev.faultline.orchestrator.targeting.TargetSelector;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.security.SecureRandom;
import dev.faultline.orchestrator.targeting.BlastRadius;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/** The orchestrator's shared collaborators, made replaceable for tests. */
@ApplicationScoped
public class OrchestratorBeans {

    /** DynamoDB answers in milliseconds; a hanging call should fail (and be retried by the SDK) long before 30 s. */
    private static final Duration DYNAMODB_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DYNAMODB_READ_TIMEOUT = Duration.ofSeconds(10);

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    RunPlanner runPlanner(
            @ConfigProperty(name = "faultline.blast-radius.max-targets", defaultValue = "10") int maxTargets,
            @ConfigProperty(name = "faultline.blast-radius.max-percent-of-service", defaultValue = "50") int maxPercent) {
        return new RunPlanner(new TargetSelector(new SecureRandom()), new BlastRadius(maxTargets, maxPercent));
    }

    /**
     * Where runs survive a restart of this process: a DynamoDB table of the orchestrator's own (see
     * {@link DynamoDbRunStore}), created if absent. With an endpoint (dynalite) the credentials are dummies, since such
     * a server checks none; without one the SDK's default chain finds the real ones.
     */
    @Produces
    @ApplicationScoped
    RunStore runStore(@ConfigProperty(name = "faultline.dynamodb.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "faultline.dynamodb.region", defaultValue = "us-east-1") String region,
            @ConfigProperty(name = "faultline.runs.table") String table,
            @ConfigProperty(name = "faultline.runs.retention", defaultValue = "7d") Duration retention) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(DYNAMODB_CONNECT_TIMEOUT).socketTimeout(DYNAMODB_READ_TIMEOUT).build())
                .region(Region.of(region));
        endpoint.ifPresent(uri -> builder.endpointOverride(uri).credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("faultline", "local"))));
        return DynamoDbRunStore.open(builder.build(), table, retention);
    }

    void closeRunStore(@Disposes RunStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
