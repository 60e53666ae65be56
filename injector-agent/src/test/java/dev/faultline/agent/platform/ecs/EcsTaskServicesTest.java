package dev.faultline.agent.platform.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.ecs.AwsClients;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The inventory's ECS task containers get their service from DescribeTasks, once per task (protocol contract). */
class EcsTaskServicesTest {

    @RegisterExtension
    static WireMockExtension ecs = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static ContainerInfo taskContainer(String id, String containerName) {
        Map<String, String> labels = new HashMap<>(EcsStopTaskExecutorTest.ECS_LABELS);
        labels.put("com.amazonaws.ecs.container-name", containerName);
        return new ContainerInfo(id, "ecs-shop-product-7-" + containerName, "img", "running", labels,
                "label faultline.enabled=true");
    }

    @Test
    void describesEachUnknownTaskOnceAndNamesItsService() {
        ecs.stubFor(post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AmazonEC2ContainerServiceV20141113.DescribeTasks"))
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "tasks": ["%s"], "include": ["TAGS"]}"""
                        .formatted(EcsStopTaskExecutorTest.TASK_ARN)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("""
                                {"failures": [], "tasks": [{"taskArn": "%s",
                                 "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
                                 "group": "service:product", "lastStatus": "RUNNING", "desiredStatus": "RUNNING",
                                 "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/shop-product:7",
                                 "tags": [{"key": "aws:ecs:serviceName", "value": "product"}]}]}"""
                                .formatted(EcsStopTaskExecutorTest.TASK_ARN))));
        EcsTaskServices services = new EcsTaskServices(
                new EcsApi(true, AwsClients.Settings.local(URI.create(ecs.baseUrl()))), Clock.systemUTC());
        ContainerInfo plain = new ContainerInfo("p1", "web", "img", "running", Map.of("faultline.enabled", "true"));
        List<ContainerInfo> inventory = List.of(taskContainer("c1", "product"), taskContainer("c2", "envoy"), plain);

        List<ContainerInfo> first = services.withServices(inventory);
        List<ContainerInfo> second = services.withServices(inventory);

        assertThat(first.get(0).ecsTask().service()).isEqualTo("product");
        assertThat(first.get(1).ecsTask().service()).isEqualTo("product");
        assertThat(first.get(2)).isEqualTo(plain);
        assertThat(second).isEqualTo(first);
        ecs.verify(1, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void withoutAnswerFromEcsTheInventoryGoesOutWithoutServices() {
        ecs.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\": \"AccessDeniedException\", \"message\": \"not authorized\"}")));
        EcsTaskServices services = new EcsTaskServices(
                new EcsApi(true, AwsClients.Settings.local(URI.create(ecs.baseUrl()))), Clock.systemUTC());
        List<ContainerInfo> inventory = List.of(taskContainer("c1", "product"));

        assertThat(services.withServices(inventory)).isEqualTo(inventory);
    }

    @Test
    void anAgentNotConfiguredForEcsAsksNothing() {
        EcsTaskServices services = new EcsTaskServices(new EcsApi(false, AwsClients.Settings.aws()),
                Clock.systemUTC());
        List<ContainerInfo> inventory = List.of(taskContainer("c1", "product"));

        assertThat(services.withServices(inventory)).isEqualTo(inventory);
        assertThat(inventory.get(0).ecsTask().service()).isNull();
    }
}
