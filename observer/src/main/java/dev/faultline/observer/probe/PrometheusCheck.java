package dev.faultline.observer.probe;

import dev.faultline.common.experiment.PrometheusProbe;
import dev.faultline.common.verdict.FailureKind;
import dev.faultline.observer.metrics.ExpositionParser;
import dev.faultline.observer.metrics.SeriesCondition;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Scrapes a metrics endpoint and passes when the probe's condition holds on the scraped series. */
final class PrometheusCheck implements ProbeCheck {

    private final HttpClient client;
    private final HttpRequest request;
    private final SeriesCondition condition;

    PrometheusCheck(PrometheusProbe probe, HttpClient client) {
        this.client = client;
        this.condition = SeriesCondition.parse(probe.query());
        this.request = HttpRequest.newBuilder(URI.create(probe.url()))
                .GET()
                .timeout(probe.timeout())
                .header("Accept", "text/plain; version=0.0.4")
                .header("User-Agent", "faultline-observer")
                .build();
    }

    @Override
    public CompletableFuture<Outcome> take() {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                return new Outcome(false, response.statusCode(), "metrics endpoint answered " + response.statusCode(), null);
            }
            Optional<String> violation = condition.violation(ExpositionParser.parse(response.body()));
            return violation.map(why -> Outcome.fail(FailureKind.CONDITION, why)).orElseGet(Outcome::pass);
        });
    }
}
