package dev.faultline.agent.platform.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.common.fault.EcsStopTask;
import dev.faultline.common.target.TargetRef;
import dev.faultline.ecs.AwsClients;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ecs-stop-task against a local server speaking ECS's JSON protocol (a protocol contract test: the StopTask request
 * and answer in the API reference's shape; not run against AWS).
 */
class EcsStopTaskExecutorTest {

    static final String TASK_ARN = "arn:aws:ecs:us-east-1:123456789012:task/shop/0b69d5c0d6554695a98cd5d2d5EXAMPLE";
    static final Map<String, String> ECS_LABELS = Map.of(
            "com.amazonaws.ecs.task-arn", TASK_ARN,
            "com.amazonaws.ecs.container-name", "product",
            "com.amazonaws.ecs.task-definition-family", "shop-product",
            "com.amazonaws.ecs.task-definition-version", "7",
            "com.amazonaws.ecs.cluster", "shop",
            "faultline.enabled", "true");

    @RegisterExtension
    static WireMockExtension ecs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Target TARGET = new Target(new TargetRef("agent-1", "c0ffee", "ecs-shop-product-7-product"),
            "c0ffee", "ecs-shop-product-7-product", 4242, "fault-7", "run-42");

    private EcsStopTaskExecutor executor(Map<String, String> labels) {
        EcsApi api = new EcsApi(true, AwsClients.Settings.local(URI.create(ecs.baseUrl())));
        return new EcsStopTaskExecutor(api, id -> Optional.of(new InspectedContainer(id, "ecs-shop-product-7-product",
                "running", 4242, labels)));
    }

    @Test
    void stopsTheContainersTaskInItsClusterWithTheRunInTheReason() {
        ecs.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.StopTask"))
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "task": "%s",
                         "reason": "Faultline chaos experiment: run run-42, fault fault-7 (ecs-stop-task)"}"""
                        .formatted(TASK_ARN)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("""
                                {"task": {"taskArn": "%s", "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
                                 "lastStatus": "RUNNING", "desiredStatus": "STOPPED", "group": "service:product",
                                 "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-product:7",
                                 "stopCode": "UserInitiated"}}""".formatted(TASK_ARN))));

        executor(ECS_LABELS).apply(TARGET, new EcsStopTask());

        ecs.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.StopTask")));
    }

    @Test
    void aContainerEcsDidNotStartIsRefusedWithoutCallingEcs() {
        assertThatThrownBy(() -> executor(Map.of("faultline.enabled", "true")).apply(TARGET, new EcsStopTask()))
                .hasMessageContaining("is not an ECS task's")
                .hasMessageContaining("com.amazonaws.ecs.task-arn");
        ecs.verify(0, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void anAgentNotConfiguredForEcsSaysSo() {
        EcsStopTaskExecutor unconfigured = new EcsStopTaskExecutor(new EcsApi(false, AwsClients.Settings.aws()),
                id -> Optional.empty());

        assertThat(unconfigured.requires()).containsExactly(HostFeature.ECS_API);
        assertThatThrownBy(() -> unconfigured.apply(TARGET, new EcsStopTask()))
                .isInstanceOf(UnsupportedOnHostException.class)
                .hasMessageContaining("faultline.agent.ecs.enabled=true");
    }
}
