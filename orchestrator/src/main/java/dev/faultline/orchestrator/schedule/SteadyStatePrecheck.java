package dev.faultline.orchestrator.schedule;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.Probe;
import dev.faultline.common.experiment.TcpProbe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * One attempt of each HTTP and TCP steady-state probe, from the orchestrator's host, just before a scheduled run:
 * a system that is already failing them would only give a FAIL that no fault caused. An HTTP probe passes on a status
 * its {@code successStatus} accepts (its body and latency checks are the observer's, during the run); a TCP probe on
 * an accepted connection. Docker-health and Prometheus probes are the observer's alone (they need its Docker engine
 * and metrics), so they are not pre-checked here.
 */
public class SteadyStatePrecheck {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    /** The first probe that fails its attempt, as a skip; empty when all pass. */
    public Optional<Skip> check(Experiment experiment) {
        for (Probe probe : experiment.steadyState().probes()) {
            Optional<String> failure = attempt(probe);
            if (failure.isPresent()) {
                return Optional.of(Guards.probeFailing(probe.name(), failure.get()));
            }
        }
        return Optional.empty();
    }

    Optional<String> attempt(Probe probe) {
        if (probe instanceof HttpProbe httpProbe) {
            return attemptHttp(httpProbe);
        }
        if (probe instanceof TcpProbe tcp) {
            return attemptTcp(tcp);
        }
        return Optional.empty();
    }

    private Optional<String> attemptHttp(HttpProbe probe) {
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(probe.url())).GET()
                    .timeout(probe.timeout()).build(), HttpResponse.BodyHandlers.discarding());
            return probe.successStatus().isSuccess(answer.statusCode()) ? Optional.empty()
                    : Optional.of("GET " + probe.url() + " answered " + answer.statusCode() + ", expected "
                            + probe.successStatus().describe());
        } catch (IOException e) {
            return Optional.of("GET " + probe.url() + " failed: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("GET " + probe.url() + " interrupted");
        }
    }

    private static Optional<String> attemptTcp(TcpProbe probe) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(probe.host(), probe.port()), (int) probe.timeout().toMillis());
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("TCP connect to " + probe.host() + ":" + probe.port() + " failed: " + describe(e));
        }
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName();
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }
}
