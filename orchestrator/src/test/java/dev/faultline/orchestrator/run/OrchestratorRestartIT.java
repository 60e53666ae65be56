package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.command.ChaosCommand;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.command.RevertFault;
import dev.faultline.common.command.SignedCommand;
import dev.faultline.common.event.AgentHeartbeat;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.RunAborted;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.dynamodb.DynamoDbClients;
import dev.faultline.common.auth.Role;
import dev.faultline.common.auth.TokenFile;
import dev.faultline.testsupport.TestContainers;
import dev.faultline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A kill -9 of the orchestrator for real: the packaged orchestrator runs as a process on the shared Kafka and
 * DynamoDB API, starts a run with a lasting fault, is killed, and a new process on the same run table ends the run
 * ABORTED with its reason, sends the revert of its lasting fault and a RunAborted, and still answers for the run; a
 * third process, which drives nothing, answers for it from the run table: by id, in the history and in the trend.
 * Isolated by its own topic and table prefixes; its topics and table are deleted afterwards, its processes stopped by
 * their handles.
 */
class OrchestratorRestartIT {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A lasting fault and a long warm-up: nothing is injected while the first process lives. */
    private static final String EXPERIMENT = """
            name: restart-test
            duration: 30s
            steadyState:
              warmup: 120s
              probes:
                - name: health
                  url: http://127.0.0.1:9/health
            faults:
              - target:
                  selector: {name: CONTAINER}
                fault: {type: container-pause}
            """;

    @TempDir
    Path work;

    private final String isolation = "it-restart-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final String token = "operator-" + UUID.randomUUID();
    private final KeyPair keys = CommandSignatures.generateKeyPair();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();

    @Test
    void aRunActiveWhenTheOrchestratorWasKilledIsAbortedRevertedAndStillAnsweredByTheNextProcess() throws Exception {
        String bootstrap = TestInfrastructure.requireKafka();
        TestInfrastructure.requireDynamoDb();
        CommandSignatures.writePem(keys, work);
        Files.writeString(work.resolve("tokens"), TokenFile.line(token, Role.OPERATOR, "otto-operator") + "\n");

        int firstPort = TestContainers.freePort();
        Process first = start(firstPort);
        String container = "web-" + isolation;
        announceUntilListed(bootstrap, firstPort, container);
        HttpResponse<String> created = send(HttpRequest.newBuilder(url(firstPort, "/api/v1/runs"))
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(EXPERIMENT.replace("CONTAINER", container))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode run = ChaosJson.messages().readTree(created.body());
        String runId = run.path("runId").asText();
        String faultId = run.path("plan").get(0).path("faultId").asText();

        first.destroyForcibly(); // SIGKILL: no shutdown hook, nothing flushed by the process
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

        int secondPort = TestContainers.freePort();
        Process second = start(secondPort);
        JsonNode answered = awaitRun(secondPort, runId, r -> "ABORTED".equals(r.path("state").asText()));
        assertThat(answered.path("abortReason").asText()).isEqualTo(RunCoordinator.RESTARTED_REASON);
        assertThat(answered.path("plan").get(0).path("faultId").asText()).isEqualTo(faultId);

        try (KafkaConsumer<String, String> consumer = consumer(bootstrap)) {
            consumer.subscribe(List.of(isolation + "chaos-commands", isolation + "chaos-events"));
            List<ChaosCommand> commands = new ArrayList<>();
            List<ChaosEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && !(revertOf(commands, faultId) && abortOf(events, runId))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.topic().endsWith("chaos-commands")) {
                        commands.add(verified(record.value()));
                    } else {
                        events.add(ChaosJson.read(record.value(), ChaosEvent.class));
                    }
                }
            }
            assertThat(revertOf(commands, faultId)).as("a RevertFault for " + faultId + " in " + commands).isTrue();
            assertThat(abortOf(events, runId)).as("a RunAborted for " + runId).isTrue();
        }

        // A third process drives nothing: the ended run is answered from the run table alone, in the history too.
        second.destroyForcibly();
        assertThat(second.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int thirdPort = TestContainers.freePort();
        start(thirdPort);
        JsonNode stored = awaitRun(thirdPort, runId, r -> "ABORTED".equals(r.path("state").asText()));
        assertThat(stored.path("abortReason").asText()).isEqualTo(RunCoordinator.RESTARTED_REASON);
        HttpResponse<String> history = send(HttpRequest.newBuilder(
                url(thirdPort, "/api/v1/runs?experiment=restart-test&state=ABORTED")).GET());
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        JsonNode page = ChaosJson.messages().readTree(history.body());
        assertThat(page.path("runs").findValuesAsText("runId")).containsExactly(runId);
        assertThat(page.has("nextPageToken")).isTrue();
        HttpResponse<String> trend = send(HttpRequest.newBuilder(
                url(thirdPort, "/api/v1/experiments/restart-test/trend")).GET());
        assertThat(ChaosJson.messages().readTree(trend.body()).path("runs").findValuesAsText("runId"))
                .containsExactly(runId);
        // The packaged application serves Swagger UI too (quarkus.swagger-ui.always-include), without a token.
        HttpResponse<String> swagger = http.send(HttpRequest.newBuilder(url(thirdPort, "/q/swagger-ui/"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(swagger.statusCode()).isEqualTo(200);
    }

    private Process start(int port) throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: this IT runs after mvn package (mvn verify)");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dfaultline.topic-prefix=" + isolation,
                "-Dfaultline.dynamodb.table-prefix=" + isolation,
                "-Dfaultline.dynamodb.endpoint=" + TestInfrastructure.dynamoDbEndpoint(),
                "-Dfaultline.auth.tokens-file=" + work.resolve("tokens"),
                "-Dfaultline.commands.private-key-file=" + work.resolve("private.pem"),
                "-jar", jar.toString()))
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("orchestrator.log").toFile()));
        builder.environment().put(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap());
        Process process = builder.start();
        processes.add(process);
        try {
            // an exception other than IOException (not listening yet) ends the wait at once
            await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "the orchestrator exited with " + process.exitValue() + ": " + log());
                        }
                        return send(HttpRequest.newBuilder(url(port, "/q/health/ready")).GET()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the orchestrator was not ready within " + READY_TIMEOUT + ": " + log(), e);
        }
        return process;
    }

    /**
     * Heartbeats from a made-up agent until the orchestrator lists its container: its consumer starts at the latest
     * offset, so a heartbeat sent before it was assigned its partitions is never read.
     */
    private void announceUntilListed(String bootstrap, int port, String container) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String agentId = isolation + "agent";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                AgentHeartbeat heartbeat = AgentHeartbeat.of(agentId, "host", Duration.ofSeconds(30), List.of(
                        new ContainerInfo("cid-" + container, container, "img", "running",
                                Map.of(ContainerInfo.OPT_IN_LABEL, "true"))), Instant.now());
                producer.send(new ProducerRecord<>(isolation + "chaos-events", agentId, ChaosJson.write(heartbeat)))
                        .get(10, TimeUnit.SECONDS);
                return send(HttpRequest.newBuilder(url(port, "/api/v1/agents")).GET()).body().contains(container);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the orchestrator never listed " + container + ": " + log(), e);
        }
    }

    private JsonNode awaitRun(int port, String runId, Predicate<JsonNode> condition) throws Exception {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            return await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
                HttpResponse<String> response = send(HttpRequest.newBuilder(url(port, "/api/v1/runs/" + runId)).GET());
                last.set(response.statusCode() + " " + response.body());
                return response.statusCode() == 200 ? ChaosJson.messages().readTree(response.body()) : null;
            }, run -> run != null && condition.test(run));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("run " + runId + " never reached the expected state; last answer: " + last.get(),
                    e);
        }
    }

    private ChaosCommand verified(String payload) throws IOException {
        SignedCommand signed = ChaosJson.read(payload, SignedCommand.class);
        assertThat(CommandSignatures.verify(signed, keys.getPublic())).as("signed with this test's key").isTrue();
        return signed.command();
    }

    private static boolean revertOf(List<ChaosCommand> commands, String faultId) {
        return commands.stream().anyMatch(c -> c instanceof RevertFault r && r.faultId().equals(faultId));
    }

    private static boolean abortOf(List<ChaosEvent> events, String runId) {
        return events.stream().anyMatch(e -> e instanceof RunAborted a && a.runId().equals(runId)
                && a.reason().equals(RunCoordinator.RESTARTED_REASON));
    }

    private KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, isolation + "test");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI url(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private String log() {
        try {
            String text = Files.readString(work.resolve("orchestrator.log"));
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops this test's processes by their handles, then deletes its topics and its run table. */
    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrap());
        try (Admin admin = Admin.create(props)) {
            List<String> mine = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(isolation)).toList();
            admin.deleteTopics(mine).all().get(30, TimeUnit.SECONDS);
        }
        // Every table the processes made under this test's prefix: the runs table, the schedules' tables.
        try (DynamoDbClient dynamo = DynamoDbClients.build(Optional.of(TestInfrastructure.dynamoDbEndpoint()), "us-east-1")) {
            for (String table : dynamo.listTablesPaginator().tableNames()) {
                if (table.startsWith(isolation)) {
                    dynamo.deleteTable(b -> b.tableName(table));
                }
            }
        }
    }
}
