package dev.faultline.orchestrator.preflight;

import dev.faultline.common.config.KafkaSecurity;
import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.experiment.JdbcReadBack;
import dev.faultline.common.validation.Violation;
import dev.faultline.dynamodb.DynamoDbClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The dry run's check of what the integrity read-back will need, from the orchestrator's host: the API's read-back
 * endpoint answers, the DynamoDB table exists with the key the experiment names, the SQL database's host accepts
 * connections, and the topic exists on the broker the orchestrator uses. A SQL table itself is checked by the
 * observer only, when it reads back: the password lives in the observer's environment, never in the experiment or
 * on the orchestrator's host; the observer's check then says why it could not read (docs/verdict.md).
 */
@ApplicationScoped
public class IntegrityPreflight {

    /** An id no system issues: the endpoint's answer to it (usually 404) shows that it answers at all. */
    public static final String PROBE_ID = "faultline-dry-run";

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String kafkaBootstrap;
    private final Map<String, String> kafkaSecurity;
    private final Optional<URI> dynamoEndpoint;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The topic check's AdminClient reaches the broker as the channels do: the same TLS and SASL settings. */
    @Inject
    public IntegrityPreflight(@ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap,
            @ConfigProperty(name = "faultline.dynamodb.endpoint") Optional<URI> dynamoEndpoint,
            @ConfigProperty(name = "faultline.dynamodb.region", defaultValue = "us-east-1") String region,
            Config config) {
        this(kafkaBootstrap, KafkaSecurity.clientProperties(name -> config.getOptionalValue(name, String.class)),
                dynamoEndpoint, region);
    }

    /** A plaintext broker (tests). */
    public IntegrityPreflight(String kafkaBootstrap, Optional<URI> dynamoEndpoint, String region) {
        this(kafkaBootstrap, Map.of(), dynamoEndpoint, region);
    }

    public IntegrityPreflight(String kafkaBootstrap, Map<String, String> kafkaSecurity, Optional<URI> dynamoEndpoint,
            String region) {
        this.kafkaBootstrap = kafkaBootstrap;
        this.kafkaSecurity = Map.copyOf(kafkaSecurity);
        this.dynamoEndpoint = dynamoEndpoint;
        this.region = region;
    }

    /** Throws {@link PreflightFailedException} naming every unreachable part. */
    public void requireReachable(DataIntegrity spec) {
        List<Violation> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new PreflightFailedException("the experiment is valid but its integrity read-back cannot reach its"
                    + " store", problems);
        }
    }

    public List<Violation> problems(DataIntegrity spec) {
        List<Violation> problems = new ArrayList<>();
        if (spec.readBack() != null) {
            readBackProblem(spec.readBack()).ifPresent(problems::add);
        } else if (spec.jdbc() != null) {
            databaseProblem(spec.jdbc()).ifPresent(problems::add);
        } else {
            tableProblem(spec.table(), spec.keyAttribute()).ifPresent(problems::add);
        }
        if (spec.hasTopic()) {
            topicProblem(spec.topic()).ifPresent(problems::add);
        }
        return problems;
    }

    /** Any answer below 500 will do: an unknown id may well be 404 or 400; 5xx or no answer will not. */
    Optional<Violation> readBackProblem(HttpReadBack readBack) {
        URI uri = URI.create(readBack.urlOf(PROBE_ID));
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() >= 500) {
                return Optional.of(new Violation("integrity.readBack.url", "GET " + uri + " answered "
                        + answer.statusCode() + ": the read-back endpoint does not work"));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation("integrity.readBack.url", "GET " + uri + " got no answer from"
                    + " the orchestrator's host (" + e + "); is the system up, and does the observer's host reach it"
                    + " at the same address?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Violation("integrity.readBack.url", "interrupted"));
        }
    }

    /** The table must exist and have the named attribute as its partition key, or the read-back finds nothing. */
    Optional<Violation> tableProblem(String table, String keyAttribute) {
        String where = DynamoDbClients.where(dynamoEndpoint, region);
        try (DynamoDbClient dynamo = DynamoDbClients.build(dynamoEndpoint, region, TIMEOUT, TIMEOUT)) {
            TableDescription description = dynamo.describeTable(b -> b.tableName(table)).table();
            Optional<String> partitionKey = description.keySchema().stream()
                    .filter(k -> k.keyType() == KeyType.HASH).map(KeySchemaElement::attributeName).findFirst();
            if (partitionKey.isPresent() && !partitionKey.get().equals(keyAttribute)) {
                return Optional.of(new Violation("integrity.keyAttribute", "table " + table + " at " + where
                        + " has the partition key " + partitionKey.get() + ", not " + keyAttribute
                        + ": a read-back by " + keyAttribute + " would find no write"));
            }
            return Optional.empty();
        } catch (ResourceNotFoundException e) {
            return Optional.of(new Violation("integrity.table", "no table " + table + " at " + where
                    + ": the read-back would find no write"));
        } catch (SdkException e) {
            return Optional.of(new Violation("integrity.table", "table " + table + " could not be checked at "
                    + where + ": " + e.getMessage()));
        }
    }

    /** The database's host and port must accept a connection; its table is checked by the observer (see above). */
    Optional<Violation> databaseProblem(JdbcReadBack jdbc) {
        // jdbc:postgresql://host[:port]/database?params or jdbc:mysql://…, as JdbcReadBack requires.
        URI uri = URI.create(jdbc.url().substring("jdbc:".length()));
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? jdbc.database().defaultPort() : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TIMEOUT.toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation("integrity.jdbc.url", "the database at " + host + ":" + port
                    + " does not accept connections from the orchestrator's host (" + e.getMessage() + ")"));
        }
    }

    Optional<Violation> topicProblem(String topic) {
        Properties props = new Properties();
        props.putAll(kafkaSecurity);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .allTopicNames().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.of(new Violation("integrity.topic", "no topic " + topic + " on "
                        + kafkaBootstrap + ": the read-back would find no event for any write"));
            }
            return Optional.of(new Violation("integrity.topic", "topic " + topic + " could not be checked"
                    + " on " + kafkaBootstrap + ": " + e.getCause()));
        } catch (TimeoutException e) {
            return Optional.of(new Violation("integrity.topic", "topic " + topic + " could not be checked:"
                    + " " + kafkaBootstrap + " did not answer within " + TIMEOUT.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Violation("integrity.topic", "interrupted"));
        }
    }
}
