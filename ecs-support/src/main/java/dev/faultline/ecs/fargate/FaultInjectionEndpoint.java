package dev.faultline.ecs.fargate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ECS agent's fault-injection endpoints, {@code $ECS_AGENT_URI/fault/v1/<kind>/start|stop|status}, as a
 * sidecar in the task calls them (the agent accepts them only from a task whose definition sets
 * {@code enableFaultInjection}). Every call is a POST with a JSON body; the answer is {@code {"Status": ...}}
 * ({@code running}, {@code stopped}, {@code not-running}) or {@code {"Error": ...}} with 400, 409, 429 or 500.
 *
 * <p>The agent allows one request per 5 s per container on each endpoint and throttles the next with 429. This
 * client keeps that spacing itself, waiting out the rest of the interval before a request (at most
 * {@link #MIN_SPACING}), so that a revert right after a short fault's start is delayed rather than refused.
 */
public final class FaultInjectionEndpoint {

    /** The environment variable the ECS agent sets in every container of a task. */
    public static final String AGENT_URI_ENV = "ECS_AGENT_URI";
    public static final Duration MIN_SPACING = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Waits; the tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI agentUri;
    private final HttpClient http;
    private final Clock clock;
    private final Duration spacing;
    private final Pause pause;
    private final Map<String, Instant> lastRequestByPath = new HashMap<>();

    public FaultInjectionEndpoint(URI agentUri, Clock clock, Duration spacing, Pause pause) {
        this.agentUri = Objects.requireNonNull(agentUri, "agentUri");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.spacing = Objects.requireNonNull(spacing, "spacing");
        this.pause = Objects.requireNonNull(pause, "pause");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** From the task's environment: empty when {@code ECS_AGENT_URI} is not set (not in an ECS task). */
    public static Optional<FaultInjectionEndpoint> fromEnvironment(Map<String, String> environment, Clock clock) {
        return Optional.ofNullable(environment.get(AGENT_URI_ENV))
                .filter(uri -> !uri.isBlank())
                .map(uri -> new FaultInjectionEndpoint(URI.create(uri), clock, MIN_SPACING, d -> Thread.sleep(d.toMillis())));
    }

    public URI agentUri() {
        return agentUri;
    }

    /** @return the agent's status, {@code running} */
    public String start(TaskFault fault) {
        return call(fault.kind(), "start", JSON.valueToTree(fault).toString());
    }

    /** @return the agent's status, {@code stopped} */
    public String stop(String kind) {
        return call(kind, "stop", "{}");
    }

    /** @return {@code running} or {@code not-running} */
    public String status(String kind) {
        return call(kind, "status", "{}");
    }

    private String call(String kind, String action, String body) {
        String path = "fault/v1/" + kind + "/" + action;
        awaitSpacing(path);
        URI uri = URI.create(agentUri.toString().replaceAll("/+$", "") + "/" + path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FaultEndpointException(FaultEndpointException.Reason.UNREACHABLE, 0,
                    "the ECS agent's fault-injection endpoint " + uri + " did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultEndpointException(FaultEndpointException.Reason.UNREACHABLE, 0,
                    "interrupted calling " + uri, e);
        } finally {
            synchronized (lastRequestByPath) {
                lastRequestByPath.put(path, clock.instant());
            }
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() == 200) {
            return answer.path("Status").asText("");
        }
        String error = answer.path("Error").asText(response.body());
        throw new FaultEndpointException(FaultEndpointException.forStatus(response.statusCode()),
                response.statusCode(), "ECS agent " + path + " answered " + response.statusCode() + ": " + error,
                null);
    }

    private void awaitSpacing(String path) {
        Instant last;
        synchronized (lastRequestByPath) {
            last = lastRequestByPath.get(path);
        }
        if (last == null) {
            return;
        }
        Duration left = spacing.minus(Duration.between(last, clock.instant()));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            pause.pause(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultEndpointException(FaultEndpointException.Reason.UNREACHABLE, 0,
                    "interrupted waiting out the endpoint's 5 s rate limit", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
