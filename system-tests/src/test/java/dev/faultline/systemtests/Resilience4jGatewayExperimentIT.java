package dev.faultline.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import dev.faultline.systemtests.FaultlineStack.Service;
import dev.faultline.testsupport.TestContainers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faultline on a system it was not written for (issue 10's proof on another stack): the plain-Java gateway of
 * examples/resilience4j-gateway, with the real Resilience4j 2.4 and its Micrometer metrics, puts ONE breaker named
 * {@code backend} in front of ONE backend for TWO routes, and answers {@code 405} from its fallback. The experiment,
 * in Faultline's own format, kills the backend container under an Artillery load on both routes; Docker's restart
 * policy brings it back. The report must show the breaker's CLOSED → OPEN → HALF_OPEN → CLOSED changes at the
 * instants the library itself logged (within one poll), count every {@code 405} as a failure in the error rate and the
 * status breakdown, name both routes in the shared-breaker finding, and say that the breaker's wait, not the
 * backend, dominated the routes' recovery.
 */
class Resilience4jGatewayExperimentIT {

    static final String IMAGE = "faultline/r4j-gateway:local";
    static final int PORT = 8080;
    static final String BREAKER = "backend";
    static final Duration PROBE_INTERVAL = Duration.ofMillis(200);
    /** Scheduling of polls on a shared 2-core machine, beyond the poll interval itself. */
    static final Duration TIMING_SLACK = Duration.ofMillis(100);

    @RegisterExtension
    static final SystemTestStack system = SystemTestStack.withArtillery();
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** The example's own build script: packages it and builds its image unless both are up to date. */
    @BeforeAll
    static void buildExampleImage() throws Exception {
        Path script = FaultlineStack.repositoryRoot().resolve("examples/resilience4j-gateway/build.sh");
        Process build = new ProcessBuilder(List.of("bash", script.toString())).redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!build.waitFor(5, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError(script + " did not finish within 5 minutes: " + output);
        }
        assertThat(build.exitValue()).as(script + ": " + output).isZero();
    }

    @Test
    void backendKillUnderLoadShowsTheSharedBreakerAndEveryFallbackStatus() throws Exception {
        FaultlineStack stack = system.stack();
        String network = system.containers().network("faultline-e2e-r4j");
        Container backend = start("faultline-e2e-r4j-backend", network, List.of("example.gateway.Backend"), Map.of());
        // By container name: Docker's DNS on the network finds the backend again after its restart.
        Container gateway = start("faultline-e2e-r4j-gateway", network, List.of(), Map.of(
                "BACKEND_URL", "http://" + backend.name() + ":" + PORT, "BREAKER_NAME", BREAKER, "BREAKER_WAIT_IN_OPEN", "5"));
        awaitAnswer(gateway.url("/api/orders"), Duration.ofSeconds(60));
        awaitAnswer(backend.url("/health"), Duration.ofSeconds(60));
        system.awaitAnnounced(backend.name());

        // The script is read where the observer runs the load test.
        Path load = stack.workingDir(Service.OBSERVER).resolve("gateway-load.yml");
        Files.writeString(load, """
                config:
                  target: %s
                  phases:
                    - {duration: 90, arrivalRate: 4}
                  http: {timeout: 5}
                scenarios:
                  - name: both-routes
                    flow:
                      - get: {url: /api/orders, name: orders}
                      - get: {url: /api/catalog, name: catalog}
                """.formatted(gateway.url("")));
        String experiment = """
                name: r4j-gateway-backend-kill
                duration: 20s
                steadyState:
                  warmup: 15s
                  probes:
                    - {name: orders, url: %s, interval: %dms, timeout: 1s}
                    - {name: catalog, url: %s, interval: %dms, timeout: 1s}
                    - {name: backend-health, url: %s, interval: %dms, timeout: 1s}
                faults:
                  - target:
                      selector: {name: %s}
                    fault: {type: container-kill, signal: SIGKILL}
                load:
                  script: %s
                slos:
                  maxRecoveryTime: 20s
                  minAvailabilityPercent: 50
                  maxErrorRatePercent: 5
                resilience:
                  circuitBreakers:
                    - {library: resilience4j, name: %s, metricsUrl: %s}
                """.formatted(gateway.url("/api/orders"), PROBE_INTERVAL.toMillis(),
                gateway.url("/api/catalog"), PROBE_INTERVAL.toMillis(),
                backend.url("/health"), PROBE_INTERVAL.toMillis(),
                backend.name(), load, BREAKER, gateway.url("/metrics"));
        String runId = stack.startRun(experiment);

        JsonNode verdict = stack.awaitCompleted(runId, Duration.ofSeconds(90)).get("verdict");
        String markdown = stack.awaitReports(runId);
        List<String> findings = texts(verdict.get("findings"));
        assertThat(findings).as("a healthy gateway meets its steady state").noneMatch(f -> f.startsWith("steady state"));

        assertBreakerChangesMatchTheLibrary(verdict, libraryTransitions(gateway), markdown);
        assertEveryFallbackCounted(verdict, markdown);
        assertSharedBreakerFinding(verdict, findings, markdown);
    }

    /**
     * Faultline's transitions are the library's, in order, each first seen at the poll after the library's change:
     * the library's instant lies between the last poll showing the old state and the first showing the new one.
     */
    private void assertBreakerChangesMatchTheLibrary(JsonNode verdict, List<LibraryTransition> library,
            String markdown) {
        JsonNode breaker = StreamSupport.stream(verdict.get("breakers").spliterator(), false)
                .filter(b -> BREAKER.equals(b.get("breaker").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no breaker " + BREAKER + " in " + verdict.get("breakers")));
        assertThat(breaker.get("library").asText()).isEqualTo("resilience4j");
        List<JsonNode> seen = new ArrayList<>();
        breaker.get("transitions").forEach(seen::add);
        List<String> states = seen.stream().map(t -> t.get("state").asText()).toList();

        List<String> expected = new ArrayList<>(List.of("closed"));
        library.forEach(t -> expected.add(t.to()));
        assertThat(states).as("Faultline's states vs the library's log %s", library).isEqualTo(expected);
        assertThat(String.join(" ", states)).contains("closed open half-open closed");

        long tolerance = PROBE_INTERVAL.plus(TIMING_SLACK).toMillis();
        for (int i = 0; i < library.size(); i++) {
            Instant changed = library.get(i).at();
            JsonNode transition = seen.get(i + 1);
            Instant firstSeen = Instant.parse(transition.get("at").asText());
            Instant lastBefore = Instant.parse(transition.get("previousPollAt").asText());
            assertThat(changed).as("library's %s at %s lies between Faultline's polls %s and %s", library.get(i),
                    changed, lastBefore, firstSeen)
                    .isBetween(lastBefore.minusMillis(tolerance), firstSeen.plusMillis(tolerance));
        }
        assertThat(markdown).contains("## Circuit breakers").contains("**" + BREAKER + "** (resilience4j)");
        for (JsonNode t : seen) {
            assertThat(markdown).as("report row of %s", t).contains("| " + t.get("state").asText() + " |");
        }
        assertThat(checkNamed(verdict, "circuit-breaker").get("status").asText()).isEqualTo("PASS");
    }

    /** Every 405 of the fallback is a failed request: in the error rate, its objective, and both breakdowns. */
    private void assertEveryFallbackCounted(JsonNode verdict, String markdown) {
        JsonNode load = verdict.get("load");
        long requests = load.get("requests").asLong();
        long fallbacks = load.get("statuses").path("405").asLong();
        long successes = load.get("statuses").path("200").asLong();
        assertThat(fallbacks).as("the gateway answered 405 from its fallback: %s", load).isPositive();
        assertThat(load.get("errors").asLong()).as("every answer but a 200 is a failure: %s", load)
                .isEqualTo(requests - successes);
        assertThat(load.get("failures").get("byStatus").get("405").asLong()).isEqualTo(fallbacks);
        double rate = 100.0 * load.get("errors").asLong() / requests;
        assertThat(load.get("errorRatePercent").asDouble()).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.01));

        JsonNode objective = StreamSupport.stream(verdict.get("slos").spliterator(), false)
                .filter(s -> s.get("objective").asText().equals("max-error-rate")).findFirst().orElseThrow();
        assertThat(objective.get("measured").asDouble()).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.01));
        assertThat(objective.get("status").asText()).as("%.1f %% of requests failed, limit 5 %%", rate)
                .isEqualTo("FAIL");
        assertThat(verdict.get("verdict").asText()).isEqualTo("FAIL");

        List<String> routes = new ArrayList<>();
        for (JsonNode route : load.get("routes")) {
            routes.add(route.get("route").asText());
            assertThat(route.get("statuses").path("405").asLong()).as("route %s", route).isPositive();
        }
        assertThat(routes).containsExactlyInAnyOrder("orders", "catalog");
        assertThat(markdown).contains("## Load").contains("405 ×" + fallbacks);
    }

    private void assertSharedBreakerFinding(JsonNode verdict, List<String> findings, String markdown) {
        String shared = findings.stream().filter(f -> f.startsWith("shared circuit breaker: breaker " + BREAKER))
                .findFirst().orElseThrow(() -> new AssertionError("no shared-breaker finding in " + findings));
        assertThat(shared).contains("probes catalog, orders and routes catalog, orders failed during it")
                .contains("resilience4j_circuitbreaker_state")
                .as("the backend was back while the breaker still waited: " + shared)
                .contains("probe backend-health, failing since fault");
        assertThat(markdown).contains("## Findings").contains(shared.substring(0, 60));
        // The routes were down ~1 s longer than the backend only because of the breaker's 5 s wait: said per route.
        for (String probe : List.of("orders", "catalog")) {
            assertThat(findings).as("findings").anyMatch(f -> f.startsWith(
                    "recovery dominated by a circuit breaker's wait: probe " + probe + " took"));
        }
        assertThat(findings).noneMatch(f -> f.contains("wait: probe backend-health"));
    }

    private static JsonNode checkNamed(JsonNode verdict, String name) {
        return StreamSupport.stream(verdict.get("checks").spliterator(), false)
                .filter(c -> name.equals(c.get("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + verdict.get("checks")));
    }

    /** The example's one image in one role, on the test's network, opted in, restarted by Docker when killed. */
    private Container start(String namePrefix, String network, List<String> command, Map<String, String> env) {
        String name = namePrefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        int hostPort = TestContainers.freePort(); // fixed, so that a restart keeps it
        Ports bindings = new Ports();
        bindings.bind(ExposedPort.tcp(PORT), Ports.Binding.bindIpAndPort("127.0.0.1", hostPort));
        TestContainers containers = system.containers();
        var create = containers.docker().createContainerCmd(IMAGE)
                .withName(name)
                .withEnv(env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(ExposedPort.tcp(PORT))
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withPortBindings(bindings)
                        .withRestartPolicy(RestartPolicy.alwaysRestart()));
        if (!command.isEmpty()) {
            create.withCmd(command);
        }
        String id = containers.create(create, Map.of("faultline.enabled", "true", "app", "r4j-gateway-example"));
        containers.docker().startContainerCmd(id).exec();
        return new Container(id, name, hostPort);
    }

    record Container(String id, String name, int hostPort) {
        String url(String path) {
            return "http://127.0.0.1:" + hostPort + path;
        }
    }

    /** One change as Resilience4j's own event reported it (the gateway logs each one). */
    record LibraryTransition(Instant at, String from, String to) {
    }

    /** The gateway's "breaker-transition <instant> <name> <from> <to>" lines, states as Faultline writes them. */
    private static List<LibraryTransition> libraryTransitions(Container gateway) throws InterruptedException {
        StringBuilder log = new StringBuilder();
        system.containers().docker().logContainerCmd(gateway.id()).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }).awaitCompletion(10, TimeUnit.SECONDS);
        List<LibraryTransition> transitions = new ArrayList<>();
        for (String line : log.toString().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length == 5 && f[0].equals("breaker-transition") && f[2].equals(BREAKER)) {
                transitions.add(new LibraryTransition(Instant.parse(f[1]), state(f[3]), state(f[4])));
            }
        }
        return transitions;
    }

    private static String state(String libraryState) {
        return libraryState.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static void awaitAnswer(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer 200 within " + timeout + ": " + last);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
