package dev.faultline.orchestrator.integrity;

import dev.faultline.common.experiment.DataIntegrity;
import dev.faultline.common.experiment.HttpReadBack;
import dev.faultline.common.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The dry run's check of what the integrity read-back will need, where the orchestrator can reach it: the API's
 * read-back endpoint answers, and the topic exists on the broker the orchestrator uses. A DynamoDB or SQL table is
 * read by the observer only (the orchestrator carries neither client, and a JDBC password lives in the observer's
 * environment): the observer's check says why it could not read one back (docs/verdict.md).
 */
@ApplicationScoped
public class IntegrityPreflight {

    /** An id no system issues: the endpoint's answer to it (usually 404) shows that it answers at all. */
    public static final String PROBE_ID = "faultline-dry-run";

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String kafkaBootstrap;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public IntegrityPreflight(@ConfigProperty(name = "kafka.bootstrap.servers") String kafkaBootstrap) {
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /** Throws {@link IntegrityStoreUnavailableException} naming every unreachable part. */
    public void requireReachable(DataIntegrity spec) {
        List<Violation> problems = problems(spec);
        if (!problems.isEmpty()) {
            throw new IntegrityStoreUnavailableException(problems);
        }
    }

    public List<Violation> problems(DataIntegrity spec) {
        List<Violation> problems = new ArrayList<>();
        if (spec.readBack() != null) {
            readBackProblem(spec.readBack()).ifPresent(problems::add);
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

    Optional<Violation> topicProblem(String topic) {
        Properties props = new Properties();
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
