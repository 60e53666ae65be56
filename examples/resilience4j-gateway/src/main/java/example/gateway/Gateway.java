package example.gateway;

import example.gateway.Responses.Answer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A gateway as a Spring Cloud Gateway with Resilience4j is often set up: every route to the backend goes through ONE
 * breaker (the same name for all routes), and the fallback answers a non-success status instead of the route's
 * answer. Here the fallback answers {@code 405}, the status the gateway of issue 10 answered from its fallback: not a
 * 5xx, so only a tool that counts every non-success status as a failure sees the outage. The breaker's state is
 * served on {@code /metrics} by Resilience4j's own Micrometer binding, as {@code /actuator/prometheus} serves it.
 *
 * <p>Settings (environment): {@code PORT} (8080), {@code BACKEND_URL} (http://backend:8080), {@code BREAKER_NAME}
 * (backend), {@code BREAKER_WAIT_IN_OPEN} (seconds in open before half-open, 5), {@code BREAKER_WINDOW} (calls in
 * the sliding window, its minimum before the breaker decides, and the trial calls in half-open, 20).
 */
public final class Gateway {

    /** Gateway path → backend path: the two routes that share the breaker. */
    static final Map<String, String> ROUTES = Map.of("/api/orders", "/orders", "/api/catalog", "/catalog");
    static final int FALLBACK_STATUS = 405;

    private final CircuitBreaker breaker;
    private final URI backend;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private Gateway(CircuitBreaker breaker, URI backend) {
        this.breaker = breaker;
        this.backend = backend;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        int port = Integer.parseInt(env.getOrDefault("PORT", "8080"));
        URI backend = URI.create(env.getOrDefault("BACKEND_URL", "http://backend:8080"));
        // The window's minimum of calls applies in half-open too (Resilience4j evaluates after
        // min(minimumNumberOfCalls, permittedNumberOfCallsInHalfOpenState) trial calls): 20 of each keep half-open
        // about a second under the test's 15-20 calls per second, several metrics scrapes long, so a poller sees it.
        int window = Integer.parseInt(env.getOrDefault("BREAKER_WINDOW", "20"));
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(window)
                .minimumNumberOfCalls(window)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(Long.parseLong(env.getOrDefault("BREAKER_WAIT_IN_OPEN", "5"))))
                // Half-open on its own when the wait ends, as Spring Boot gateways usually configure it, so the
                // state series shows half_open even between requests.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(window)
                .build();
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(config);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(metrics);
        CircuitBreaker breaker = breakers.circuitBreaker(env.getOrDefault("BREAKER_NAME", "backend"));
        // The library's own account of each change, one line each: "breaker-transition <instant> <name> <from> <to>".
        breaker.getEventPublisher().onStateTransition(event -> System.out.println("breaker-transition "
                + event.getCreationTime().toInstant() + " " + event.getCircuitBreakerName() + " "
                + event.getStateTransition().getFromState() + " " + event.getStateTransition().getToState()));

        Gateway gateway = new Gateway(breaker, backend);
        Map<String, Responses.Route> routes = new HashMap<>();
        ROUTES.forEach((path, backendPath) -> routes.put(path, () -> gateway.route(backendPath)));
        routes.put("/metrics", () -> new Answer(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        routes.put("/health", () -> Answer.json(200, "{\"status\":\"UP\"}"));
        Responses.serve(port, routes);
        System.out.println("gateway listening on :" + port + ", backend " + backend + ", breaker " + breaker.getName());
    }

    private Answer route(String backendPath) {
        try {
            return Answer.json(200, breaker.executeCheckedSupplier(() -> fetch(backendPath)));
        } catch (CallNotPermittedException open) {
            return fallback("circuit breaker " + breaker.getName() + " is " + breaker.getState());
        } catch (Throwable failed) {
            return fallback(failed.getClass().getSimpleName());
        }
    }

    private String fetch(String backendPath) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(backend.resolve(backendPath)).timeout(Duration.ofSeconds(1))
                .GET().build();
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() / 100 != 2) {
            throw new IOException("backend answered " + answer.statusCode());
        }
        return answer.body();
    }

    private static Answer fallback(String cause) {
        return Answer.json(FALLBACK_STATUS, "{\"fallback\":true,\"cause\":\"" + cause.replace("\"", "'") + "\"}");
    }
}
