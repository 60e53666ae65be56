package dev.faultline.orchestrator.preflight;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.ResilienceChecks;
import dev.faultline.common.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dry run's check of the endpoints the observer polls during a run: the resilience checks' metrics endpoints
 * (circuit breakers, retries) and the load balancer's (stats, API or metrics, by its type). Each must answer 2xx with a body from the
 * orchestrator's host; otherwise every check that reads it would end "not measured", which the author should learn
 * before the run, not after. A probe's own URL is not checked here: the steady state probes it before any fault.
 */
@ApplicationScoped
public class MetricsPreflight {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Throws {@link PreflightFailedException} naming every endpoint that does not answer. */
    public void requireReachable(Experiment experiment) {
        List<Violation> problems = problems(experiment);
        if (!problems.isEmpty()) {
            throw new PreflightFailedException("the experiment is valid but a metrics endpoint it reads does not"
                    + " answer", problems);
        }
    }

    public List<Violation> problems(Experiment experiment) {
        // URL → the field that named it first, in the experiment's order: an endpoint named twice is asked once.
        Map<String, String> endpoints = new LinkedHashMap<>();
        ResilienceChecks resilience = experiment.resilience();
        if (resilience != null) {
            if (resilience.metricsUrl() != null) {
                endpoints.putIfAbsent(resilience.metricsUrl(), "resilience.metricsUrl");
            }
            for (int i = 0; i < resilience.metricsUrls().size(); i++) {
                endpoints.putIfAbsent(resilience.metricsUrls().get(i), "resilience.metricsUrls[" + i + "]");
            }
            for (int i = 0; i < resilience.circuitBreakers().size(); i++) {
                String url = resilience.circuitBreakers().get(i).metricsUrl();
                if (url != null) {
                    endpoints.putIfAbsent(url, "resilience.circuitBreakers[" + i + "].metricsUrl");
                }
            }
        }
        LoadBalancer lb = experiment.loadBalancer();
        if (lb != null) {
            // Each type reads its own fields: HAProxy's statsUrl, the others' url, Traefik's optional metricsUrl.
            if (lb.statsUrl() != null) {
                endpoints.putIfAbsent(lb.statsUrl(), "loadBalancer.statsUrl");
            }
            if (lb.url() != null) {
                endpoints.putIfAbsent(lb.url(), "loadBalancer.url");
            }
            if (lb.metricsUrl() != null) {
                endpoints.putIfAbsent(lb.metricsUrl(), "loadBalancer.metricsUrl");
            }
        }
        List<Violation> problems = new ArrayList<>();
        endpoints.forEach((url, field) -> problem(field, url).ifPresent(problems::add));
        return problems;
    }

    Optional<Violation> problem(String field, String url) {
        URI uri = URI.create(url);
        try {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() / 100 != 2) {
                return Optional.of(new Violation(field, "GET " + uri + " answered " + answer.statusCode()
                        + ": the observer could read nothing there"));
            }
            if (answer.body().length == 0) {
                return Optional.of(new Violation(field, "GET " + uri + " answered " + answer.statusCode()
                        + " with an empty body: no series to read"));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Violation(field, "GET " + uri + " got no answer from the orchestrator's host ("
                    + e + "); is the service up, and does the observer's host reach it at the same address?"));
        } catch (IllegalArgumentException e) {
            return Optional.of(new Violation(field, "GET " + uri + " cannot be sent: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Violation(field, "interrupted"));
        }
    }
}
