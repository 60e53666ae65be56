package dev.faultline.agent.platform.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.faultline.agent.capability.HostFeature;
import dev.faultline.agent.fault.Target;
import dev.faultline.agent.fault.UnsupportedOnHostException;
import dev.faultline.common.fault.EcsTaskNetworkBlackholePort;
import dev.faultline.common.fault.EcsTaskNetworkLatency;
import dev.faultline.common.fault.EcsTaskNetworkPacketLoss;
import dev.faultline.common.fault.TrafficDirection;
import dev.faultline.common.target.TargetRef;
import dev.faultline.ecs.fargate.FaultEndpointException;
import dev.faultline.ecs.fargate.FaultInjectionEndpoint;
import dev.faultline.ecs.fargate.TaskFault;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ecs-task-* executors against a local server answering as the ECS agent's fault-injection endpoints do (a
 * protocol contract test; not run against a real ECS agent).
 */
class TaskNetworkFaultExecutorTest {

    @RegisterExtension
    static WireMockExtension agent = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Target TARGET = new Target(new TargetRef("sidecar-1", "abc-1811458290", "product"),
            "abc-1811458290", "product", 7, "fault-1", "run-1");

    private TaskFaultInjection taskFaults() {
        // no spacing: the client's own 5 s spacing is tested in ecs-support
        return new TaskFaultInjection(Optional.of(new FaultInjectionEndpoint(URI.create(agent.baseUrl()),
                Clock.systemUTC(), Duration.ZERO, d -> { })));
    }

    @Test
    void eachSpecBecomesTheEndpointsRequestSparingTheTasksOwnEndpoints() {
        EcsTaskNetworkLatencyExecutor latency = new EcsTaskNetworkLatencyExecutor(taskFaults());
        EcsTaskNetworkPacketLossExecutor loss = new EcsTaskNetworkPacketLossExecutor(taskFaults());
        EcsTaskNetworkBlackholePortExecutor blackhole = new EcsTaskNetworkBlackholePortExecutor(taskFaults());

        assertThat(latency.request(new EcsTaskNetworkLatency(Duration.ofMillis(250), Duration.ofMillis(20),
                List.of("10.0.3.0/24"), List.of("10.0.9.9"))))
                .isEqualTo(new TaskFault.NetworkLatency(250, 20, List.of("10.0.3.0/24"),
                        List.of("10.0.9.9", "169.254.170.2", "169.254.169.254")));
        assertThat(loss.request(new EcsTaskNetworkPacketLoss(30, null, List.of("169.254.170.2"))))
                .isEqualTo(new TaskFault.NetworkPacketLoss(30, List.of(), List.of("169.254.170.2", "169.254.169.254")));
        assertThat(blackhole.request(new EcsTaskNetworkBlackholePort(5432, "tcp", TrafficDirection.INGRESS, null)))
                .isEqualTo(new TaskFault.NetworkBlackholePort(5432, "tcp", "ingress",
                        List.of("169.254.170.2", "169.254.169.254")));
        assertThat(latency.requires()).containsExactly(HostFeature.ECS_FAULT_INJECTION);
    }

    @Test
    void appliesWithStartAndRevertsWithStop() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-packet-loss/start"))
                .withRequestBody(equalToJson("""
                        {"LossPercent": 30, "SourcesToFilter": ["169.254.170.2", "169.254.169.254"]}"""))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-packet-loss/stop"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"stopped\"}")));
        EcsTaskNetworkPacketLossExecutor loss = new EcsTaskNetworkPacketLossExecutor(taskFaults());
        EcsTaskNetworkPacketLoss spec = new EcsTaskNetworkPacketLoss(30, null, null);

        loss.apply(TARGET, spec);
        loss.revert(TARGET, spec);

        agent.verify(1, postRequestedFor(urlEqualTo("/fault/v1/network-packet-loss/start")));
        agent.verify(1, postRequestedFor(urlEqualTo("/fault/v1/network-packet-loss/stop")));
    }

    @Test
    void aSecondLatencyOrLossFaultFailsWithTheAgentsConflict() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/start"))
                .willReturn(aResponse().withStatus(409).withBody("{\"Error\": \"a network fault is already running\"}")));

        assertThatThrownBy(() -> new EcsTaskNetworkLatencyExecutor(taskFaults())
                .apply(TARGET, new EcsTaskNetworkLatency(Duration.ofMillis(100), null, null, null)))
                .isInstanceOf(FaultEndpointException.class)
                .hasMessageContaining("409")
                .hasMessageContaining("already running");
    }

    @Test
    void aRefusedStopOfAFaultThatIsNotRunningIsAlreadyReverted() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/stop"))
                .willReturn(aResponse().withStatus(409).withBody("{\"Error\": \"no fault running\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/status"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"not-running\"}")));

        new EcsTaskNetworkLatencyExecutor(taskFaults())
                .revert(TARGET, new EcsTaskNetworkLatency(Duration.ofMillis(100), null, null, null));

        agent.verify(1, postRequestedFor(urlEqualTo("/fault/v1/network-latency/status")));
    }

    @Test
    void aRefusedStopOfAFaultStillRunningFailsTheRevert() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-blackhole-port/stop"))
                .willReturn(aResponse().withStatus(500).withBody("{\"Error\": \"iptables failed\"}")));
        agent.stubFor(post(urlEqualTo("/fault/v1/network-blackhole-port/status"))
                .willReturn(aResponse().withStatus(200).withBody("{\"Status\": \"running\"}")));

        assertThatThrownBy(() -> new EcsTaskNetworkBlackholePortExecutor(taskFaults())
                .revert(TARGET, new EcsTaskNetworkBlackholePort(5432, null, null, null)))
                .hasMessageContaining("iptables failed");
    }

    @Test
    void outsideAnEcsTaskTheFaultIsUnsupported() {
        TaskFaultInjection none = new TaskFaultInjection(Optional.empty());

        assertThat(none.probe().available()).isFalse();
        assertThat(none.probe().detail()).contains("ECS_AGENT_URI is not set");
        assertThatThrownBy(() -> new EcsTaskNetworkLatencyExecutor(none)
                .apply(TARGET, new EcsTaskNetworkLatency(Duration.ofMillis(100), null, null, null)))
                .isInstanceOf(UnsupportedOnHostException.class);
    }

    @Test
    void aTaskWithoutFaultInjectionIsReportedWithTheAgentsRefusal() {
        agent.stubFor(post(urlEqualTo("/fault/v1/network-latency/status"))
                .willReturn(aResponse().withStatus(400)
                        .withBody("{\"Error\": \"fault injection is not enabled for task\"}")));

        var capability = taskFaults().probe();

        assertThat(capability.available()).isFalse();
        assertThat(capability.detail()).contains("fault injection is not enabled for task")
                .contains("enableFaultInjection");
    }
}
