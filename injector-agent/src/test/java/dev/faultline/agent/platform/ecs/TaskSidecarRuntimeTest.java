package dev.faultline.agent.platform.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.faultline.agent.safety.OptInPolicy;
import dev.faultline.common.target.ContainerInfo;
import dev.faultline.ecs.metadata.TaskMetadataEndpoint;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sidecar's targets are the opted-in containers of its own task, from the task metadata endpoint v4 (served
 * locally in the shape of the AWS examples: a protocol contract test, not run on ECS).
 */
class TaskSidecarRuntimeTest {

    private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/shop/cd189a933e5849daa93386466019ab50";

    @RegisterExtension
    static WireMockExtension ecsAgent = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private TaskSidecarRuntime runtime;

    @BeforeEach
    void taskMetadata() {
        ecsAgent.stubFor(get(urlEqualTo("/v4/self")).willReturn(aResponse().withStatus(200).withBody("""
                {"DockerId": "cd18-2495160603", "Name": "faultline-agent", "KnownStatus": "RUNNING", "Type": "NORMAL"}""")));
        ecsAgent.stubFor(get(urlEqualTo("/v4/self/task")).willReturn(aResponse().withStatus(200).withBody("""
                {"Cluster": "arn:aws:ecs:us-east-1:123456789012:cluster/shop", "TaskARN": "%s",
                 "Family": "shop-product", "Revision": "7", "ServiceName": "product", "LaunchType": "FARGATE",
                 "KnownStatus": "RUNNING",
                 "Containers": [
                  {"DockerId": "cd18-2495160603", "Name": "faultline-agent", "KnownStatus": "RUNNING", "Type": "NORMAL",
                   "Labels": {"faultline.enabled": "true"}},
                  {"DockerId": "cd18-1811458290", "Name": "product", "Image": "product:1.4", "KnownStatus": "RUNNING",
                   "Type": "NORMAL", "Labels": {"faultline.enabled": "true"}},
                  {"DockerId": "cd18-3001993811", "Name": "log-router", "KnownStatus": "RUNNING", "Type": "NORMAL",
                   "Labels": {}},
                  {"DockerId": "cd18-0000000001", "Name": "~internal~ecs~pause", "KnownStatus": "RESOURCES_PROVISIONED",
                   "Type": "CNI_PAUSE", "Labels": {"faultline.enabled": "true"}}
                 ]}""".formatted(ARN))));
        TaskMetadataEndpoint endpoint = new TaskMetadataEndpoint(URI.create(ecsAgent.baseUrl() + "/v4/self"));
        runtime = new TaskSidecarRuntime(() -> endpoint, OptInPolicy.labelOnly(), 77);
    }

    @Test
    void listsTheOptedInContainersOfItsTaskButNeverItselfWithTheTaskAndService() {
        List<ContainerInfo> targets = runtime.optedIn();

        assertThat(targets).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("product");
            assertThat(c.running()).isTrue();
            assertThat(c.ecsTask().taskArn()).isEqualTo(ARN);
            assertThat(c.ecsTask().service()).isEqualTo("product");
            assertThat(c.ecsTask().revision()).isEqualTo(7);
        });
    }

    @Test
    void findsATargetByIdOrNameButNotTheSidecarItself() {
        assertThat(runtime.find("cd18-1811458290")).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("product");
            assertThat(c.running()).isTrue();
            assertThat(c.pid()).isEqualTo(77);
        });
        assertThat(runtime.find("product")).isPresent();
        assertThat(runtime.find("faultline-agent")).isEmpty();
        assertThat(runtime.find("nothing")).isEmpty();
    }
}
