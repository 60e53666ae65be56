package dev.faultline.observer.integrity;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.verdict.IntegrityReport;
import dev.faultline.observer.load.AcknowledgedWrite;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reads back, after a run, the acknowledged writes from the experiment's store (DynamoDB, the system's API or its
 * SQL table) and, when it names one, its topic. Bounded in time: what cannot be read by the deadline is an error,
 * not a partial answer.
 */
public final class IntegrityReader {

    private final Supplier<DynamoDbClient> dynamo;
    private final HttpClient http;
    private final String kafkaBootstrap;
    private final Map<String, String> kafkaSecurity;
    private final UnaryOperator<String> environment;
    private final Duration timeout;

    /**
     * @param dynamo      the DynamoDB client, asked for only by a DynamoDB read-back
     * @param environment the observer's environment variables (a JDBC password is named, never written down)
     */
    public IntegrityReader(Supplier<DynamoDbClient> dynamo, HttpClient http, String kafkaBootstrap,
            UnaryOperator<String> environment, Duration timeout) {
        this(dynamo, http, kafkaBootstrap, Map.of(), environment, timeout);
    }

    /** @param kafkaSecurity the TLS and SASL properties of the topic scan's consumer (KafkaSecurity.clientProperties) */
    public IntegrityReader(Supplier<DynamoDbClient> dynamo, HttpClient http, String kafkaBootstrap,
            Map<String, String> kafkaSecurity, UnaryOperator<String> environment, Duration timeout) {
        this.dynamo = dynamo;
        this.http = http;
        this.kafkaBootstrap = kafkaBootstrap;
        this.kafkaSecurity = Map.copyOf(kafkaSecurity);
        this.environment = environment;
        this.timeout = timeout;
    }

    /** DynamoDB and Kafka only, as before the API and JDBC read-backs. */
    public IntegrityReader(DynamoDbClient dynamo, String kafkaBootstrap, Duration timeout) {
        this(() -> dynamo, HttpClient.newHttpClient(), kafkaBootstrap, System::getenv, timeout);
    }

    /** Ids only: no write bodies were recorded (an older orchestrator's plugin). */
    public IntegrityReport check(DataIntegrity spec, Collection<String> acknowledged) {
        return check(spec, acknowledged, List.of());
    }

    /**
     * @param acknowledged every acknowledged id from the load's responses
     * @param writes       the acknowledged writes with their bodies; may cover only some ids (or none)
     */
    public IntegrityReport check(DataIntegrity spec, Collection<String> acknowledged, List<AcknowledgedWrite> writes) {
        Instant deadline = Instant.now().plus(timeout);
        Set<String> ids = new TreeSet<>(acknowledged);
        writes.forEach(w -> ids.add(w.id()));
        Map<String, List<AcknowledgedWrite>> byId = writes.stream().collect(
                Collectors.groupingBy(AcknowledgedWrite::id, LinkedHashMap::new, Collectors.toList()));
        AcknowledgedStore store = store(spec);
        StoreContents contents = store.read(ids, byId, deadline);
        String method = "after the run: " + store.method();
        Map<String, Integer> events = null;
        if (spec.hasTopic()) {
            TopicScan scan = new TopicScan(kafkaBootstrap, kafkaSecurity, spec.topic(), spec.eventIdField());
            events = scan.eventsPerId(ids, deadline);
            method += "; and " + scan.method();
        }
        return IntegrityCheck.compare(ids, contents, events, method + "; exact counts");
    }

    AcknowledgedStore store(DataIntegrity spec) {
        if (spec.readBack() != null) {
            return new ApiStore(http, spec.readBack(), spec.ignoreFields());
        }
        if (spec.jdbc() != null) {
            String password = spec.jdbc().passwordEnv() == null ? null : environment.apply(spec.jdbc().passwordEnv());
            if (spec.jdbc().passwordEnv() != null && password == null) {
                throw new IllegalStateException("the observer's environment has no " + spec.jdbc().passwordEnv()
                        + " (integrity.jdbc.passwordEnv)");
            }
            return new JdbcStore(spec.jdbc(), password, spec.ignoreFields());
        }
        return new DynamoDbStore(dynamo.get(), spec);
    }
}
