package dev.faultline.observer.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.experiment.FaultStep;
import dev.faultline.common.experiment.HttpProbe;
import dev.faultline.common.experiment.LoadBalancer;
import dev.faultline.common.experiment.Selector;
import dev.faultline.common.experiment.Slos;
import dev.faultline.common.experiment.SteadyState;
import dev.faultline.common.experiment.TargetSelection;
import dev.faultline.common.fault.ContainerKill;
import dev.faultline.common.target.TargetRef;
import dev.faultline.common.verdict.RecoveryTimeline;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.observer.probe.ProbeSample;
import dev.faultline.observer.routing.RequestShare;
import dev.faultline.observer.routing.ServerState;
import dev.faultline.observer.run.ObservedRun;
import dev.faultline.observer.run.VerdictJudge;
import dev.faultline.testsupport.TestHaproxy;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routed-away verdict against a real HAProxy (Debian's, started by the test on loopback ports) in front of two
 * tiny backends: under a bounded load, backend 1 is stopped, HAProxy's health checks mark it DOWN and send every
 * request to backend 2. The same run is read twice, through HAProxy's stats CSV ({@code type: haproxy}) and through
 * its built-in Prometheus exporter ({@code type: prometheus} on {@code haproxy_server_status} and
 * {@code haproxy_server_http_responses_total}); the judge, which never learns which source it was, must give both
 * a routed-away instant after the stop, none before it, and a request share of backend 1 that fell to zero while
 * backend 2 took all of it.
 */
class LoadBalancerRoutingIT {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LOAD_INTERVAL = Duration.ofMillis(50);
    private static final String TARGET = "backend-1";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<ProbeSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicBoolean loading = new AtomicBoolean(true);
    private HttpServer backend1;
    private HttpServer backend2;
    private TestHaproxy haproxy;
    private ScheduledExecutorService ticks;
    private Thread load;
    private int webPort;
    private int monitoringPort;

    @BeforeEach
    void startHaproxyAndBackends() throws Exception {
        TestHaproxy.assumeInstalled();
        backend1 = backend("one");
        backend2 = backend("two");
        webPort = TestHaproxy.freePort();
        monitoringPort = TestHaproxy.freePort();
        // Fast checks (100 ms, down after 2 failures) so the test takes seconds; redispatch so the load rarely fails.
        haproxy = TestHaproxy.start("""
                global
                  log stdout format raw local0 warning
                defaults
                  mode http
                  log global
                  timeout connect 500ms
                  timeout client 5s
                  timeout server 5s
                  retries 1
                  option redispatch
                frontend web
                  bind 127.0.0.1:%d
                  default_backend be
                frontend monitoring
                  bind 127.0.0.1:%d
                  http-request use-service prometheus-exporter if { path /metrics }
                  stats enable
                  stats uri /stats
                backend be
                  balance roundrobin
                  option httpchk GET /health
                  default-server inter 100ms fall 2 rise 2
                  server s1 127.0.0.1:%d check
                  server s2 127.0.0.1:%d check
                """.formatted(webPort, monitoringPort, backend1.getAddress().getPort(),
                backend2.getAddress().getPort()), monitoringPort);
        ticks = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        loading.set(false);
        if (load != null) {
            load.join(5_000);
        }
        if (ticks != null) {
            ticks.shutdownNow();
        }
        if (haproxy != null) {
            haproxy.close();
        }
        backend1.stop(0);
        backend2.stop(0);
    }

    @Test
    void bothTheStatsCsvAndThePrometheusExporterShowTrafficRoutedAwayFromTheStoppedServer() throws Exception {
        String monitoring = "http://127.0.0.1:" + monitoringPort;
        Map<String, String> servers = Map.of(TARGET, "s1", "backend-2", "s2");
        LoadBalancer csv = new LoadBalancer(monitoring + "/stats;csv", "be", servers);
        LoadBalancer exporter = new LoadBalancer(null, null, servers, "prometheus", monitoring + "/metrics", null,
                "haproxy_server_status{proxy=\"be\",state=\"UP\"}", "server",
                "haproxy_server_http_responses_total{proxy=\"be\"}");
        MetricsPoller byCsv = new MetricsPoller(csv, null, client, Clock.systemUTC(), POLL);
        MetricsPoller byExporter = new MetricsPoller(exporter, null, client, Clock.systemUTC(), POLL);
        Instant deadline = Instant.now().plusSeconds(60);
        byCsv.start(ticks, deadline);
        byExporter.start(ticks, deadline);
        startLoad(deadline);

        Predicate<ServerState> healthyAndServed = s -> s.healthy() && s.requestsTotal() != null
                && s.requestsTotal() > 0;
        awaitServers(byCsv, m -> m.size() == 2 && m.values().stream().allMatch(healthyAndServed));
        awaitServers(byExporter, m -> m.size() == 2 && m.values().stream().allMatch(healthyAndServed));
        Thread.sleep(POLL.multipliedBy(5).toMillis()); // polls of the healthy pool before the fault
        Instant injected = Instant.now();
        backend1.stop(0);
        awaitServers(byCsv, m -> m.containsKey("s1") && !m.get("s1").healthy());
        awaitServers(byExporter, m -> m.containsKey("s1") && !m.get("s1").healthy());
        Thread.sleep(Duration.ofSeconds(1).toMillis()); // the pool without s1, polled and loaded for a second
        Instant end = Instant.now();
        loading.set(false);
        byCsv.stop();
        byExporter.stop();
        ticks.shutdown();
        ticks.awaitTermination(5, TimeUnit.SECONDS);

        for (MetricsPoller poller : List.of(byCsv, byExporter)) {
            LoadBalancer lb = poller == byCsv ? csv : exporter;
            List<MetricsPoll> polls = poller.polls();
            String source = lb.type() + " " + haproxy.log();

            RecoveryTimeline timeline = verdict(lb, polls, injected, end).timelines().get(0);
            assertThat(timeline.routedAwayAt()).as(source).isNotNull().isAfterOrEqualTo(injected)
                    .isBefore(injected.plusSeconds(5));
            assertThat(timeline.metricsResolutionMillis()).isEqualTo(POLL.toMillis());
            // Nothing was routed away while both backends ran: read from the first poll, the first sign is the stop.
            assertThat(PatternTimes.routedAway(polls, polls.get(0).at(), "s1")).as(source)
                    .isEqualTo(timeline.routedAwayAt());

            List<MetricsPoll> before = polls.stream().filter(p -> p.at().isBefore(injected)
                    && p.servers().size() == 2).toList();
            Map<String, Double> shareBefore = RequestShare.between(before.get(0).servers(),
                    before.get(before.size() - 1).servers());
            assertThat(shareBefore).as(source).containsOnlyKeys("s1", "s2");
            assertThat(shareBefore.values()).as(source).allSatisfy(s -> assertThat(s).isBetween(0.3, 0.7));

            List<MetricsPoll> down = polls.stream().filter(p -> p.servers().containsKey("s1")
                    && !p.servers().get("s1").healthy()).toList();
            Map<String, Double> shareDown = RequestShare.between(down.get(0).servers(),
                    down.get(down.size() - 1).servers());
            assertThat(shareDown).as(source).containsOnly(Map.entry("s1", 0.0), Map.entry("s2", 1.0));
        }
    }

    private RunVerdict verdict(LoadBalancer lb, List<MetricsPoll> polls, Instant injected, Instant end) {
        Experiment experiment = new Experiment("routing", "", Duration.ofSeconds(10),
                new SteadyState(Duration.ofSeconds(1), List.of(new HttpProbe("web", "http://127.0.0.1:" + webPort
                        + "/", 200, LOAD_INTERVAL, null))),
                List.of(new FaultStep(new TargetSelection(new Selector(TARGET, null), null, null, null),
                        ContainerKill.sigkill())),
                new Slos(Duration.ofSeconds(30), 90.0), null, lb, null, null);
        TargetRef target = new TargetRef("agent-1", "c1", TARGET);
        ObservedRun run = new ObservedRun("run-routing", experiment, injected, List.of(FaultInjected.of(
                "run-routing", "f0", "container-kill", target, injected, 1, injected)), List.of(), samples, end, null,
                List.of(), polls, POLL.toMillis(), null);
        return VerdictJudge.judge(run, end);
    }

    /** Requests through HAProxy every {@link #LOAD_INTERVAL} until stopped or the deadline, each kept as a probe sample. */
    private void startLoad(Instant deadline) {
        load = new Thread(() -> {
            while (loading.get() && Instant.now().isBefore(deadline)) {
                Instant sent = Instant.now();
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + webPort + "/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    samples.add(ProbeSample.answered("web", sent, r.statusCode(), 200,
                            Duration.between(sent, Instant.now()).toMillis()));
                    Thread.sleep(LOAD_INTERVAL.toMillis()); // the load's rate
                } catch (IOException e) {
                    samples.add(ProbeSample.unanswered("web", sent, e.toString(),
                            Duration.between(sent, Instant.now()).toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "routing-it-load");
        load.start();
    }

    private void awaitServers(MetricsPoller poller, Predicate<Map<String, ServerState>> condition) {
        try {
            await().atMost(Duration.ofSeconds(15)).pollInterval(POLL).until(() -> {
                List<MetricsPoll> polls = poller.polls();
                return !polls.isEmpty() && condition.test(polls.get(polls.size() - 1).servers());
            });
        } catch (ConditionTimeoutException e) {
            List<MetricsPoll> polls = poller.polls();
            throw new AssertionError("load balancer never reached the awaited state; last poll "
                    + (polls.isEmpty() ? "none" : polls.get(polls.size() - 1).servers()) + "; HAProxy: "
                    + haproxy.log(), e);
        }
    }

    private static HttpServer backend(String name) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        return server;
    }
}
