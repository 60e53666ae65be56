package dev.faultline.systemtests;

import dev.faultline.common.command.CommandSignatures;
import dev.faultline.testsupport.TestContainers;
import dev.faultline.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The four Faultline services started as real processes from their packaged apps, isolated from any other
 * Faultline on the machine: own topic prefix, table prefix, agent id, report directory and ports. Stops them on
 * {@link #close()}, by the process handles it started (never by name).
 */
final class FaultlineStack implements AutoCloseable {

    enum Service {
        ORCHESTRATOR("orchestrator"), INJECTOR_AGENT("injector-agent"), OBSERVER("observer"), REPORTER("reporter");

        final String module;

        Service(String module) {
            this.module = module;
        }
    }

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    final String isolation = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final String topicPrefix = isolation + "-";
    final String tablePrefix = isolation + "-";
    final String agentId = isolation + "-agent";
    final Path reportDir;
    final Path logDir;
    /** The load tests' results (responses.csv per run): the orchestrator writes them, the observer reads them. */
    final Path loadResultsDir;
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Map<Service, ProcessBuilder> launchers = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** This stack's own secrets: a command-signing key pair and an operator token (only its hash on disk). */
    final Path secretsDir;
    final String operatorToken = "e2e-operator-" + UUID.randomUUID();

    FaultlineStack(Path workDir) throws IOException {
        this.reportDir = Files.createDirectories(workDir.resolve(isolation).resolve("reports"));
        this.logDir = Files.createDirectories(workDir.resolve(isolation).resolve("logs"));
        this.secretsDir = Files.createDirectories(workDir.resolve(isolation).resolve("secrets"));
        this.loadResultsDir = Files.createDirectories(workDir.resolve(isolation).resolve("load"));
        // PKCS#8 and X.509 PEM, the formats deploy/security.sh makes with openssl.
        CommandSignatures.writePem(CommandSignatures.generateKeyPair(), secretsDir);
        String hash = java.util.HexFormat.of().formatHex(sha256(operatorToken));
        Files.writeString(secretsDir.resolve("tokens"), hash + " operator e2e-test\n");
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stack under {@code workDir}, started, after checking that the shared Kafka and DynamoDB API answer. */
    static FaultlineStack started(Path workDir) throws Exception {
        TestInfrastructure.requireKafka();
        TestInfrastructure.requireDynamoDb();
        FaultlineStack stack = new FaultlineStack(workDir);
        stack.start();
        return stack;
    }

    /**
     * Waits until this stack's agent reports {@code containerName} as a running target to the orchestrator, which
     * can only select it after that (a container just started may first be reported in another state).
     */
    void awaitTarget(String containerName, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = get(Service.ORCHESTRATOR, "/api/v1/agents").body();
            for (var agent : dev.faultline.common.json.ChaosJson.messages().readTree(last)) {
                if (agent.path("live").asBoolean() && agentId.equals(agent.path("agentId").asText())) {
                    for (var container : agent.path("containers")) {
                        if (containerName.equals(container.path("name").asText())
                                && "running".equals(container.path("state").asText())) {
                            return;
                        }
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the agent never reported " + containerName + " running within " + timeout
                + "; agents: " + last);
    }

    /** The repository's root: the tests run in system-tests/. */
    static Path repositoryRoot() {
        return Path.of("..").toAbsolutePath().normalize();
    }

    /** Artillery as {@code ./faultline artillery} installs it, which an experiment with a {@code load:} needs. */
    static Path artillery() {
        return repositoryRoot().resolve(".faultline/tools/artillery/node_modules/.bin/artillery");
    }

    void start() throws Exception {
        for (Service service : Service.values()) {
            int port = TestContainers.freePort();
            ports.put(service, port);
            Path jar = Path.of("..", service.module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn package (or verify) from the repository root");
            }
            List<String> command = List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port,
                    "-Dfaultline.topic-prefix=" + topicPrefix,
                    "-Dfaultline.agent.id=" + agentId,
                    "-Dfaultline.dynamodb.endpoint=" + TestInfrastructure.dynamoDbEndpoint(),
                    "-Dfaultline.dynamodb.table-prefix=" + tablePrefix,
                    "-Dfaultline.report.dir=" + reportDir,
                    "-Dfaultline.auth.tokens-file=" + secretsDir.resolve("tokens"),
                    "-Dfaultline.commands.private-key-file=" + secretsDir.resolve("private.pem"),
                    "-Dfaultline.commands.public-key-file=" + secretsDir.resolve("public.pem"),
                    "-Dfaultline.agent.ledger-dir=" + secretsDir.getParent().resolve("agent-ledger"),
                    "-Dfaultline.load.results-dir=" + loadResultsDir,
                    "-Dfaultline.load.artillery=" + artillery(),
                    "-Dfaultline.load.plugin-dir=" + repositoryRoot().resolve("deploy/artillery/plugins"),
                    "-jar", jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(service.module + ".log").toFile()));
            builder.environment().put(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap());
            launchers.put(service, builder);
            processes.put(service, builder.start());
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
    }

    /**
     * {@code kill -9} of one service, as a crash does it: no shutdown hook, no revert, nothing flushed by the
     * process. Returns once the process is gone.
     */
    void crash(Service service) throws InterruptedException {
        Process process = processes.get(service);
        process.destroyForcibly(); // SIGKILL on Linux
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException(service.module + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
        }
    }

    /** Starts a crashed service again with the same settings (ports, ids, keys, ledger) and waits until ready. */
    void restart(Service service) throws Exception {
        if (processes.get(service).isAlive()) {
            throw new IllegalStateException(service.module + " still runs; crash it first");
        }
        processes.put(service, launchers.get(service).start());
        awaitReady(service);
    }

    URI url(Service service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    HttpResponse<String> get(Service service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + operatorToken).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Service service, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Service service) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Process process = processes.get(service);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module + " exited with " + process.exitValue() + "; see "
                        + logDir.resolve(service.module + ".log"));
            }
            try {
                if (get(service, "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service.module + " not ready within " + READY_TIMEOUT.toSeconds() + "s; see "
                + logDir.resolve(service.module + ".log"));
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroy();
        }
        for (Process process : processes.values()) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        processes.clear();
    }
}
