package dev.faultline.orchestrator.schedule;

import dev.faultline.dynamodb.DynamoDbClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The schedule store of a running orchestrator: DynamoDB, at the endpoint the run store uses; replaced in tests. */
@ApplicationScoped
public class ScheduleBeans {

    @Produces
    @ApplicationScoped
    ScheduleStore scheduleStore(@ConfigProperty(name = "faultline.dynamodb.endpoint") Optional<URI> endpoint,
            @ConfigProperty(name = "faultline.dynamodb.region", defaultValue = "us-east-1") String region,
            @ConfigProperty(name = "faultline.schedules.table") String schedules,
            @ConfigProperty(name = "faultline.schedules.occurrences-table") String occurrences) {
        return DynamoDbScheduleStore.open(DynamoDbClients.build(endpoint, region), schedules, occurrences);
    }

    void close(@Disposes ScheduleStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
