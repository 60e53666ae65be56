package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.config.KafkaSecurity;
import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka across hosts: all four services on a SASL_SSL listener with SCRAM-SHA-512 (deploy/kafka.sh's, on a private
 * broker), configured only through the FAULTLINE_KAFKA_* environment that deploy/kafka.sh writes to client.env. A
 * container-kill run goes through commands, events and verdicts on that listener to its reports; a wrong password
 * and a plaintext client are refused by the broker, and a half-configured service refuses to start.
 */
class KafkaSaslSslIT {

    private static final String BOOTSTRAP = "FAULTLINE_KAFKA_BOOTSTRAP";
    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    @Order(1)
    static final SaslSslBroker broker = new SaslSslBroker();

    @RegisterExtension
    @Order(2)
    static final SystemTestStack system = SystemTestStack.withKafka(broker::clientEnvironment);

    @Test
    void aRunFlowsThroughTheSaslSslListenerToItsReports() throws Exception {
        assertThat(broker.clientEnvironment()).containsEntry("FAULTLINE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                .containsEntry(BOOTSTRAP, "127.0.0.1:" + broker.saslPort());
        FaultlineStack stack = system.stack();
        // The agent's heartbeat (events topic) reaching the orchestrator is the first message over SASL_SSL.
        TestContainers.Started target = system.announcedDemoTarget("faultline-sasl-target", Map.of());
        String runId = stack.startRun(Experiments.containerKill("sasl-ssl-container-kill", "target-health",
                target.url("/health"), Duration.ofMillis(250), target.name()));
        // Commands to the agent, its events to orchestrator and observer, the observer's verdict back.
        JsonNode run = stack.awaitCompleted(runId, Duration.ofSeconds(60));
        assertThat(run.path("verdict").path("verdict").asText()).as(run.toString()).isEqualTo("PASS");
        // The reporter consumed both topics too.
        assertThat(stack.awaitReports(runId)).contains("sasl-ssl-container-kill");
    }

    @Test
    void theBrokerRefusesAWrongPasswordAndAPlaintextClient() throws Exception {
        Map<String, String> right = settings(broker.clientEnvironment());
        assertThat(brokersSeenWith(right)).as("the right password").isEqualTo(1);

        Map<String, String> wrong = new HashMap<>(broker.clientEnvironment());
        wrong.put("FAULTLINE_KAFKA_SASL_PASSWORD", "not-" + wrong.get("FAULTLINE_KAFKA_SASL_PASSWORD"));
        assertThatThrownBy(() -> brokersSeenWith(settings(wrong)))
                .hasCauseInstanceOf(SaslAuthenticationException.class);

        // PLAINTEXT to the SASL_SSL port: the TLS listener never answers a plaintext request.
        assertThatThrownBy(() -> brokersSeenWith(Map.of()))
                .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
    }

    @Test
    void aHalfConfiguredServiceRefusesToStartAndPrintsNoSecret() throws Exception {
        Map<String, String> noPassword = new HashMap<>(broker.clientEnvironment());
        noPassword.remove("FAULTLINE_KAFKA_SASL_PASSWORD");
        String output = refusedStart("no-password", noPassword);
        assertThat(output).contains("refusing to start")
                .contains("faultline.kafka.sasl.password (FAULTLINE_KAFKA_SASL_PASSWORD) is missing");

        String password = broker.clientEnvironment().get("FAULTLINE_KAFKA_SASL_PASSWORD");
        Map<String, String> passwordWithoutSasl = Map.of(BOOTSTRAP, "127.0.0.1:" + broker.saslPort(),
                "FAULTLINE_KAFKA_SASL_PASSWORD", password);
        assertThat(refusedStart("password-without-sasl", passwordWithoutSasl))
                .contains("FAULTLINE_KAFKA_SASL_PASSWORD) set but")
                .doesNotContain(password);
    }

    /** The client properties the services derive from these FAULTLINE_KAFKA_* variables (the same code). */
    private static Map<String, String> settings(Map<String, String> environment) {
        return KafkaSecurity.resolve(name -> Optional.ofNullable(
                environment.get(KafkaSecurity.environmentVariable(name))));
    }

    private int brokersSeenWith(Map<String, String> security) throws Exception {
        Properties props = new Properties();
        props.putAll(security);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + broker.saslPort());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
        try (Admin admin = Admin.create(props)) {
            return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
        }
    }

    /** Starts the reporter's packaged app with {@code kafkaEnvironment}; it must exit non-zero. @return its output */
    private static String refusedStart(String name, Map<String, String> kafkaEnvironment) throws Exception {
        Path jar = FaultlineStack.repositoryRoot().resolve("reporter/target/quarkus-app/quarkus-run.jar");
        Path log = Files.createDirectories(Path.of("target", "kafka-sasl-refusals")).resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("java", "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + TestContainers.freePort(), "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("FAULTLINE_KAFKA_"));
        builder.environment().putAll(kafkaEnvironment);
        Process process = builder.start();
        try {
            assertThat(process.waitFor(REFUSAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                    .as("the reporter exits instead of running half-configured; see " + log).isTrue();
            assertThat(process.exitValue()).isNotZero();
            return Files.readString(log);
        } finally {
            process.destroyForcibly();
        }
    }
}
