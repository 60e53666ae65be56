package dev.faultline.orchestrator.config;

import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.orchestrator.run.DynamoDbRunStore;
import dev.faultline.orchestrator.run.RunPlanner;
import dev.faultline.orchestrator.run.RunStore;
import dev.faultline.orchestrator.targeting.BlastRadius;
import dev.faultline.orchestrator.targeting.TargetSelector;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The orchestrator's shared collaborators, made replaceable for tests. */
@ApplicationScoped
public class OrchestratorBeans {

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
            @ConfigProperty(name = "faultline.runs.retention", defaultValue = "90d") Duration retention) {
        return DynamoDbRunStore.open(DynamoDbClients.build(endpoint, region), table, retention);
    }

    void closeRunStore(@Disposes RunStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
