package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.faultline.common.command.CommandSignatures;
import dev.faultline.common.json.ChaosJson;
import dev.faultline.dynamodb.DynamoDbClients;
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
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The four Faultline services started as real processes from their packaged apps, isolated from any other
 * Faultline on the machine: own topic prefix, table prefix, agent id, report directory and ports. Each service runs
 * in its own working directory ({@link #workingDir}) with every path it is given absolute, as on separate hosts:
 * they share nothing but Kafka (and the DynamoDB API). Besides the processes, the steps every scenario takes through
 * the orchestrator's API: {@link #startRun}, {@link #awaitCompleted}, {@link #awaitReports}. {@link #close()} stops
 * the services by the process handles it started (never by name) and deletes the tables they made.
 *
 * <p>The services run in their default profile, not {@code local}: the {@code %local} settings are those of one
 * checkout's stack ({@code deploy/services.sh}: relative paths under one shared root, no topic prefix), while this
 * stack gives each service a directory of its own. What it sets is only what isolates it: ports, topic and table
 * prefix, agent id, its own secrets and directories; Kafka and the DynamoDB API come through the environment, as
 * {@code deploy/services.sh} passes them.
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
    /** How long the reporter may take to write a run's reports after its verdict. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(20);

    final String isolation = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    final String topicPrefix = isolation + "-";
    final String tablePrefix = isolation + "-";
    final String agentId = isolation + "-agent";
    final Path reportDir;
    final Path logDir;
    /** The agent's fault ledger: what it must undo after a crash. */
    final Path ledgerDir;
    private final Path root;
    /** How the services reach Kafka: the shared broker's address, or a secured one's FAULTLINE_KAFKA_* settings. */
    private final Map<String, String> kafkaEnvironment;
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, Process> processes = new LinkedHashMap<>();
    private final Map<Service, ProcessBuilder> launchers = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** What a test class sets on a service besides the isolation (e.g. the reporter's alert targets). */
    private final Map<Service, Map<String, String>> extraProperties;

    /** This stack's own secrets: a command-signing key pair, an operator and a viewer token (only hashes on disk). */
    final Path secretsDir;
    final String operatorToken = "e2e-operator-" + UUID.randomUUID();
    final String viewerToken = "e2e-viewer-" + UUID.randomUUID();

    FaultlineStack(Path workDir) throws IOException {
        this(workDir, Map.of(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap()), Map.of());
    }

    /**
     * @param kafkaEnvironment every service's Kafka settings, e.g. a SASL_SSL listener's (KafkaSaslSslIT)
     * @param extraProperties  system properties by service, besides the isolation (e.g. the reporter's alert targets)
     */
    FaultlineStack(Path workDir, Map<String, String> kafkaEnvironment,
            Map<Service, Map<String, String>> extraProperties) throws IOException {
        this.kafkaEnvironment = Map.copyOf(kafkaEnvironment);
        this.extraProperties = Map.copyOf(extraProperties);
        this.root = workDir.toAbsolutePath().normalize().resolve(isolation);
        this.reportDir = Files.createDirectories(root.resolve("reports"));
        this.logDir = Files.createDirectories(root.resolve("logs"));
        this.secretsDir = Files.createDirectories(root.resolve("secrets"));
        this.ledgerDir = root.resolve("agent-ledger");
        for (Service service : Service.values()) {
            Files.createDirectories(workingDir(service));
        }
        // PKCS#8 and X.509 PEM, the formats deploy/security.sh makes with openssl.
        CommandSignatures.writePem(CommandSignatures.generateKeyPair(), secretsDir);
        Files.writeString(secretsDir.resolve("tokens"), hex(sha256(operatorToken)) + " operator e2e-test\n"
                + hex(sha256(viewerToken)) + " viewer e2e-viewer\n");
    }

    /** The service's own working directory: what it writes under relative paths (its defaults) lands here. */
    Path workingDir(Service service) {
        return root.resolve("cwd-" + service.module);
    }


    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
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
        return started(workDir, Map.of(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap()));
    }

    /** A stack whose services reach Kafka with {@code kafkaEnvironment} (FAULTLINE_KAFKA_*), started. */
    static FaultlineStack started(Path workDir, Map<String, String> kafkaEnvironment) throws Exception {
        return started(workDir, kafkaEnvironment, Map.of());
    }

    /** The same, its services also given these system properties (by service). */
    static FaultlineStack started(Path workDir, Map<String, String> kafkaEnvironment,
            Map<Service, Map<String, String>> extraProperties) throws Exception {
        TestInfrastructure.requireDynamoDb();
        FaultlineStack stack = new FaultlineStack(workDir, kafkaEnvironment, extraProperties);
        try {
            stack.start();
        } catch (Exception | AssertionError e) {
            stack.close(); // the services already started must not outlive a failed start
            throw e;
        }
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

    /** Artillery as {@code ./faultline artillery} installs it, which the observer needs for a {@code load:}. */
    static Path artillery() {
        return repositoryRoot().resolve(".faultline/tools/artillery/node_modules/.bin/artillery");
    }

    void start() throws Exception {
        // Every port first: the orchestrator's live page links to the reporter.
        for (Service service : Service.values()) {
            ports.put(service, TestContainers.freePort());
        }
        for (Service service : Service.values()) {
            int port = ports.get(service);
            Path jar = Path.of("..", service.module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: run mvn package (or verify) from the repository root");
            }
            List<String> command = new java.util.ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dquarkus.http.port=" + port,
                    "-Dfaultline.topic-prefix=" + topicPrefix,
                    "-Dfaultline.agent.id=" + agentId,
                    "-Dfaultline.dynamodb.table-prefix=" + tablePrefix,
                    "-Dfaultline.report.dir=" + reportDir,
                    "-Dfaultline.auth.tokens-file=" + secretsDir.resolve("tokens"),
                    "-Dfaultline.commands.private-key-file=" + secretsDir.resolve("private.pem"),
                    "-Dfaultline.commands.public-key-file=" + secretsDir.resolve("public.pem"),
                    "-Dfaultline.agent.ledger-dir=" + ledgerDir));
            if (service == Service.ORCHESTRATOR) {
                command.add("-Dfaultline.ui.reporter-url=" + url(Service.REPORTER, ""));
            }
            if (service == Service.OBSERVER) {
                // The observer runs load tests; its results directory stays its default, under its own directory.
                command.add("-Dfaultline.load.artillery=" + artillery());
                command.add("-Dfaultline.load.plugin-dir=" + repositoryRoot().resolve("deploy/artillery/plugins"));
            }
            extraProperties.getOrDefault(service, Map.of())
                    .forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir(service).toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(service.module + ".log").toFile()));
            builder.environment().putAll(kafkaEnvironment);
            builder.environment().put(TestInfrastructure.DYNAMODB_ENV, TestInfrastructure.dynamoDbEndpoint().toString());
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

    /** Starts a run of {@code experimentYaml} through the API, which must accept it (201). @return the run's id */
    String startRun(String experimentYaml) throws Exception {
        HttpResponse<String> created = post(Service.ORCHESTRATOR, "/api/v1/runs", "application/yaml", experimentYaml);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return ChaosJson.messages().readTree(created.body()).get("runId").asText();
    }

    /** The run as the orchestrator's API answers for it now. */
    JsonNode run(String runId) throws Exception {
        return ChaosJson.messages().readTree(get(Service.ORCHESTRATOR, "/api/v1/runs/" + runId).body());
    }

    /** Waits for the run's end, which must be COMPLETED (with its verdict), not ABORTED. @return the run */
    JsonNode awaitCompleted(String runId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = run(runId);
            String state = run.get("state").asText();
            if (state.equals("COMPLETED") || state.equals("ABORTED")) {
                assertThat(state).as(run.toString()).isEqualTo("COMPLETED");
                return run;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("run " + runId + " did not complete within " + timeout + ": " + run);
    }

    /** Waits until the reporter has written the run's report.md and report.json. @return the Markdown report */
    String awaitReports(String runId) throws Exception {
        Path markdown = reportDir.resolve(runId).resolve("report.md");
        Path json = reportDir.resolve(runId).resolve("report.json");
        Await.until("the reports of run " + runId + " in " + reportDir, REPORT_TIMEOUT,
                () -> Files.exists(markdown) && Files.exists(json));
        return Files.readString(markdown);
    }

    /** Waits until the reporter has written the run's report.html. @return its path */
    Path awaitHtmlReport(String runId) throws Exception {
        Path html = reportDir.resolve(runId).resolve("report.html");
        Await.until("the HTML report of run " + runId + " in " + reportDir, REPORT_TIMEOUT, () -> Files.exists(html));
        return html;
    }

    /** A client of the DynamoDB API this stack's services use (the caller closes it). */
    static DynamoDbClient dynamoDb() {
        return DynamoDbClients.build(Optional.of(TestInfrastructure.dynamoDbEndpoint()), "us-east-1");
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
        deleteTables();
    }

    /** The tables the services made under this stack's prefix; once they are stopped, nothing writes to them. */
    private void deleteTables() {
        try (DynamoDbClient dynamo = dynamoDb()) {
            for (String table : dynamo.listTablesPaginator().tableNames()) {
                if (table.startsWith(tablePrefix)) {
                    dynamo.deleteTable(r -> r.tableName(table));
                }
            }
        } catch (RuntimeException e) {
            // cleanup only: the test's outcome stands; the tables carry this stack's unique prefix
            System.err.println("could not delete the tables " + tablePrefix + "*: " + e);
        }
    }
}
