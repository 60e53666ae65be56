package dev.faultline.systemtests;

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
import java.util.ArrayList;
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
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FaultlineStack(Path workDir) throws IOException {
        this.reportDir = Files.createDirectories(workDir.resolve(isolation).resolve("reports"));
        this.logDir = Files.createDirectories(workDir.resolve(isolation).resolve("logs"));
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
                    "-jar", jar.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logDir.resolve(service.module + ".log").toFile());
            builder.environment().put(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap());
            processes.add(builder.start());
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
    }

    URI url(Service service, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(service) + path);
    }

    HttpResponse<String> get(Service service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(Service service, String path, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url(service, path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(Service service) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Process process = processes.get(service.ordinal());
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
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
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
