package dev.faultline.ecs.metadata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol contract test of the task metadata endpoint v4: bodies in the shape of the Amazon ECS Developer Guide's
 * examples (a Fargate task of a service, with this agent as a sidecar), served locally. Not run against ECS.
 */
class TaskMetadataContractTest {

    @RegisterExtension
    static WireMockExtension ecsAgent = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void readsTheCallingContainerAndItsTask() {
        ecsAgent.stubFor(get(urlEqualTo("/v4/abc")).willReturn(json("task-metadata-container.json")));
        ecsAgent.stubFor(get(urlEqualTo("/v4/abc/task")).willReturn(json("task-metadata-task.json")));
        TaskMetadataEndpoint endpoint = new TaskMetadataEndpoint(URI.create(ecsAgent.baseUrl() + "/v4/abc"));

        assertThat(endpoint.self().name()).isEqualTo("faultline-agent");
        TaskMetadata task = endpoint.task();
        assertThat(task.serviceName()).isEqualTo("product");
        assertThat(task.family()).isEqualTo("shop-product");
        assertThat(task.revision()).isEqualTo("7");
        assertThat(task.launchType()).isEqualTo("FARGATE");
        assertThat(task.containers()).extracting(TaskMetadata.Container::name)
                .containsExactly("faultline-agent", "product", "log-router");
        TaskMetadata.Container product = task.containers().get(1);
        assertThat(product.state()).isEqualTo("running");
        assertThat(product.normal()).isTrue();
        assertThat(product.labels()).containsEntry("faultline.enabled", "true");
    }

    @Test
    void anErrorAnswerIsAnError() {
        ecsAgent.stubFor(get(urlEqualTo("/v4/gone/task")).willReturn(aResponse().withStatus(404)
                .withBody("{\"Error\": \"not found\"}")));
        TaskMetadataEndpoint endpoint = new TaskMetadataEndpoint(URI.create(ecsAgent.baseUrl() + "/v4/gone"));

        assertThatThrownBy(endpoint::task).hasMessageContaining("answered 404");
    }

    @Test
    void outsideAnEcsTaskThereIsNoEndpoint() {
        assertThat(TaskMetadataEndpoint.fromEnvironment(Map.of())).isEmpty();
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String file) {
        try (InputStream in = TaskMetadataContractTest.class.getResourceAsStream("/ecs-contract/" + file)) {
            return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
