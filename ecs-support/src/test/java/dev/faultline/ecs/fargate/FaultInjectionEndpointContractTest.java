package dev.faultline.ecs.fargate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol contract tests of the ECS agent's fault-injection endpoints: the client against a local server answering
 * with the bodies and status codes of the Amazon ECS Developer Guide ("Amazon ECS fault injection endpoints"). Not
 * run against a real ECS agent.
 */
class FaultInjectionEndpointContractTest {

    @RegisterExtension
    static WireMockExtension agent = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final List<Duration> pauses = new ArrayList<>();

    private FaultInjectionEndpoint endpoint(Clock clock) {
        return new FaultInjectionEndpoint(URI.create(agent.baseUrl() + "/"), clock,
                FaultInjectionEndpoint.MIN_SPACING, pauses::add);
    }

    @Test
    void startsLatencyWithTheDocumentedBody() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/start"))
                .withRequestBody(equalToJson("""
                        {"DelayMilliseconds": 200, "JitterMilliseconds": 50, "Sources": ["10.0.2.15"],
                         "SourcesToFilter": ["169.254.169.254"]}"""))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));

        String status = endpoint(Clock.systemUTC()).start(new TaskFault.NetworkLatency(200, 50, List.of("10.0.2.15"),
                List.of("169.254.169.254")));

        assertThat(status).isEqualTo("running");
    }

    @Test
    void startsPacketLossAndBlackholeWithTheirBodiesLeavingOutEmptyLists() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-packet-loss/start"))
                .withRequestBody(equalToJson("{\"LossPercent\": 30}"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-blackhole-port/start"))
                .withRequestBody(equalToJson("""
                        {"Port": 5432, "Protocol": "tcp", "TrafficType": "egress"}"""))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));
        FaultInjectionEndpoint endpoint = endpoint(Clock.systemUTC());

        assertThat(endpoint.start(new TaskFault.NetworkPacketLoss(30, List.of(), null))).isEqualTo("running");
        assertThat(endpoint.start(new TaskFault.NetworkBlackholePort(5432, "tcp", "egress", List.of())))
                .isEqualTo("running");
    }

    @Test
    void stopAndStatusAnswerWithTheFaultsState() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/stop"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"stopped\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/status"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"not-running\"}")));
        FaultInjectionEndpoint endpoint = endpoint(Clock.systemUTC());

        assertThat(endpoint.stop("network-latency")).isEqualTo("stopped");
        assertThat(endpoint.status("network-latency")).isEqualTo("not-running");
    }

    @Test
    void aSecondLatencyOrLossFaultIsAConflictWithTheAgentsMessage() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-packet-loss/start"))
                .willReturn(aResponse().withStatus(409).withBody("""
                        {"Error": "There is already one network latency fault running"}""")));

        assertThatThrownBy(() -> endpoint(Clock.systemUTC()).start(new TaskFault.NetworkPacketLoss(10, null, null)))
                .isInstanceOfSatisfying(FaultEndpointException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FaultEndpointException.Reason.CONFLICT);
                    assertThat(e.status()).isEqualTo(409);
                })
                .hasMessageContaining("already one network latency fault running");
    }

    @Test
    void aThrottledOrBadRequestKeepsItsReason() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/status"))
                .willReturn(aResponse().withStatus(429).withBody("{\"Error\": \"Rate limit exceeded\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-blackhole-port/status"))
                .willReturn(aResponse().withStatus(400).withBody("{\"Error\": \"fault injection is not enabled\"}")));
        FaultInjectionEndpoint endpoint = endpoint(Clock.systemUTC());

        assertThatThrownBy(() -> endpoint.status("network-latency"))
                .isInstanceOfSatisfying(FaultEndpointException.class,
                        e -> assertThat(e.reason()).isEqualTo(FaultEndpointException.Reason.THROTTLED));
        assertThatThrownBy(() -> endpoint.status("network-blackhole-port"))
                .isInstanceOfSatisfying(FaultEndpointException.class,
                        e -> assertThat(e.reason()).isEqualTo(FaultEndpointException.Reason.BAD_REQUEST))
                .hasMessageContaining("not enabled");
    }

    @Test
    void waitsOutTheFiveSecondLimitBeforeASecondRequestToTheSameEndpointOnly() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/start"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/stop"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"stopped\"}")));
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now.get();
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        FaultInjectionEndpoint endpoint = endpoint(clock);
        TaskFault latency = new TaskFault.NetworkLatency(100, 0, null, null);

        endpoint.start(latency);
        now.set(now.get().plusSeconds(2));
        endpoint.stop("network-latency"); // another endpoint: no wait
        endpoint.start(latency);          // the same one, 2 s later: waits the 3 s left

        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void anAgentThatDoesNotAnswerIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        FaultInjectionEndpoint endpoint = new FaultInjectionEndpoint(URI.create("http://127.0.0.1:" + closedPort),
                Clock.systemUTC(), Duration.ZERO, d -> { });

        assertThatThrownBy(() -> endpoint.status("network-latency"))
                .isInstanceOfSatisfying(FaultEndpointException.class,
                        e -> assertThat(e.reason()).isEqualTo(FaultEndpointException.Reason.UNREACHABLE));
    }

    @Test
    void outsideAnEcsTaskThereIsNoEndpoint() {
        assertThat(FaultInjectionEndpoint.fromEnvironment(Map.of(), Clock.systemUTC())).isEmpty();
        assertThat(FaultInjectionEndpoint.fromEnvironment(Map.of("ECS_AGENT_URI", "http://169.254.170.2/api/abc"),
                Clock.systemUTC())).hasValueSatisfying(e -> assertThat(e.agentUri().toString())
                        .isEqualTo("http://169.254.170.2/api/abc"));
    }
}
