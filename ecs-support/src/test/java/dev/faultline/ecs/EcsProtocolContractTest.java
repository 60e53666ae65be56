package dev.faultline.ecs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.faultline.ecs.service.EcsServiceState;
import dev.faultline.ecs.service.EcsServices;
import dev.faultline.ecs.task.EcsTask;
import dev.faultline.ecs.task.EcsTasks;
import dev.faultline.ecs.task.StopReason;
import dev.faultline.ecs.task.TaskQuery;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Protocol contract tests: the real AWS SDK clients Faultline builds talk to a local HTTP server that answers as ECS
 * (JSON 1.1) and ELBv2 (Query/XML) do, with bodies in the shapes of the AWS API references (see
 * {@code ecs-contract/README.md}). They check what goes on the wire and what Faultline makes of the answer; they
 * do not show that real ECS behaves so (nothing here ran against AWS).
 */
class EcsProtocolContractTest {

    private static final String ECS_TARGET = "AmazonEC2ContainerServiceV20141113.";
    private static final String ECS_JSON = "application/x-amz-json-1.1";
    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/product/73e2d6bc24d8a067";
    private static final String FIRST_TASK = "arn:aws:ecs:us-east-1:123456789012:task/shop/0b69d5c0d6554695a98cd5d2d5EXAMPLE";

    @RegisterExtension
    static WireMockExtension aws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private EcsClient ecs;
    private ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void clients() {
        AwsClients.Settings local = AwsClients.Settings.local(URI.create(aws.baseUrl()));
        ecs = AwsClients.ecs(local);
        elb = AwsClients.elb(local);
    }

    @AfterEach
    void close() {
        ecs.close();
        elb.close();
    }

    @Test
    void findsAServicesTasksOverEveryListTasksPageWithTheirTagsAndKeepsThoseWithTheTags() {
        aws.stubFor(ecsCall("ListTasks")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "serviceName": "product", "desiredStatus": "RUNNING"}"""))
                .willReturn(ecsAnswer("list-tasks-page1.json")));
        aws.stubFor(ecsCall("ListTasks")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "serviceName": "product", "desiredStatus": "RUNNING",
                         "nextToken": "eyJ0b2tlbiI6InBhZ2UyIn0EXAMPLE"}"""))
                .willReturn(ecsAnswer("list-tasks-page2.json")));
        aws.stubFor(ecsCall("DescribeTasks")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "include": ["TAGS"], "tasks": [
                          "arn:aws:ecs:us-east-1:123456789012:task/shop/0b69d5c0d6554695a98cd5d2d5EXAMPLE",
                          "arn:aws:ecs:us-east-1:123456789012:task/shop/51a01bdf9b2d4f00a7d5e87dc5EXAMPLE",
                          "arn:aws:ecs:us-east-1:123456789012:task/shop/e1d4c1d87a1c4f7e8b4a6c0e2fEXAMPLE"]}"""))
                .willReturn(ecsAnswer("describe-tasks.json")));

        var tasks = new EcsTasks(ecs).find(new TaskQuery("shop", Optional.of("product"), Optional.empty(),
                Map.of("team", "catalogue")));

        assertThat(tasks).extracting(EcsTask::taskId)
                .containsExactly("0b69d5c0d6554695a98cd5d2d5EXAMPLE", "51a01bdf9b2d4f00a7d5e87dc5EXAMPLE");
        EcsTask onEc2 = tasks.get(0);
        assertThat(onEc2.serviceName()).contains("product");
        assertThat(onEc2.family()).isEqualTo("shop-product");
        assertThat(onEc2.revision()).isEqualTo(7);
        assertThat(onEc2.launchType()).contains("EC2");
        assertThat(onEc2.running()).isTrue();
        assertThat(onEc2.startedAt()).contains(Instant.ofEpochMilli(1628698887004L));
        assertThat(onEc2.healthStatus()).isEqualTo("HEALTHY");
        assertThat(onEc2.containers()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("product");
            assertThat(c.runtimeId()).hasValueSatisfying(id -> assertThat(id).startsWith("3c8bd0c1"));
        });
        assertThat(tasks.get(1).launchType()).contains("FARGATE");
        assertThat(tasks.get(1).containers().get(0).runtimeId()).isEmpty();
        assertThat(tasks.get(1).healthStatus()).as("no health check in the answer").isEqualTo("UNKNOWN");
    }

    @Test
    void findsByFamilyOnTheServerWhenNoServiceIsNamed() {
        aws.stubFor(ecsCall("ListTasks")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "family": "shop-product", "desiredStatus": "RUNNING"}"""))
                .willReturn(ecsAnswer("list-tasks-page2.json")));
        aws.stubFor(ecsCall("DescribeTasks").willReturn(ecsAnswer("describe-tasks.json")));

        var tasks = new EcsTasks(ecs).find(new TaskQuery("shop", Optional.empty(), Optional.of("shop-product"),
                Map.of()));

        // the answer holds three tasks of the family; the query keeps them all (no tags asked for)
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(t.family()).isEqualTo("shop-product"));
    }

    @Test
    void stopsATaskWithAReasonNamingFaultlineAndTheRun() {
        String reason = StopReason.of("run-42", "fault-7");
        aws.stubFor(ecsCall("StopTask")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "task": "%s",
                         "reason": "Faultline chaos experiment: run run-42, fault fault-7 (ecs-stop-task)"}"""
                        .formatted(FIRST_TASK)))
                .willReturn(ecsAnswer("stop-task.json")));

        EcsTask stopped = new EcsTasks(ecs).stop("shop", FIRST_TASK, reason);

        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        aws.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(ECS_TARGET + "StopTask"))
                .withHeader("Authorization", containing("AWS4-HMAC-SHA256")));
    }

    @Test
    void anEcsErrorBecomesTheSdksTypedException() {
        aws.stubFor(ecsCall("ListTasks").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", ECS_JSON)
                .withBody("""
                        {"__type": "ClusterNotFoundException", "message": "Cluster not found."}""")));

        assertThatThrownBy(() -> new EcsTasks(ecs).find(TaskQuery.ofService("gone", "product")))
                .isInstanceOf(ClusterNotFoundException.class)
                .hasMessageContaining("Cluster not found.");
    }

    @Test
    void readsAServicesCountsDeploymentsEventsAndItsTargetGroupsHealth() {
        aws.stubFor(ecsCall("DescribeServices")
                .withRequestBody(equalToJson("""
                        {"cluster": "shop", "services": ["product"]}"""))
                .willReturn(ecsAnswer("describe-services.json")));
        aws.stubFor(post(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeTargetHealth"))
                .withRequestBody(containing("TargetGroupArn=arn%3Aaws%3Aelasticloadbalancing"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody(resource("describe-target-health.xml"))));
        Instant now = Instant.parse("2021-08-11T16:24:00Z");

        EcsServiceState state = new EcsServices(ecs, elb, Clock.fixed(now, ZoneOffset.UTC)).read("shop", "product");

        assertThat(state.sampledAt()).isEqualTo(now);
        assertThat(state.serviceName()).isEqualTo("product");
        assertThat(state.status()).isEqualTo("ACTIVE");
        assertThat(state.desiredCount()).isEqualTo(3);
        assertThat(state.runningCount()).isEqualTo(2);
        assertThat(state.pendingCount()).isEqualTo(1);
        assertThat(state.deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo("PRIMARY");
            assertThat(d.rolloutState()).isEqualTo("COMPLETED");
            assertThat(d.updatedAt()).isEqualTo(Instant.ofEpochMilli(1628699020500L));
        });
        assertThat(state.events()).extracting(EcsServiceState.ServiceEvent::message)
                .first().asString().contains("has started 1 tasks");
        assertThat(state.targetGroups()).singleElement().satisfies(g -> {
            assertThat(g.targetGroupArn()).isEqualTo(TARGET_GROUP);
            assertThat(g.targetsByState()).containsExactlyInAnyOrderEntriesOf(Map.of("healthy", 2, "draining", 1));
        });
        assertThat(state.healthyCount()).isEqualTo(2);
        assertThat(state.atDesiredHealthyCount()).isFalse();
    }

    @Test
    void aServiceTheClusterDoesNotHaveIsRefusedWithEcssReason() {
        aws.stubFor(ecsCall("DescribeServices").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", ECS_JSON)
                .withBody("""
                        {"failures": [{"arn": "arn:aws:ecs:us-east-1:123456789012:service/shop/nope",
                          "reason": "MISSING"}], "services": []}""")));

        assertThatThrownBy(() -> new EcsServices(ecs, elb, Clock.systemUTC()).read("shop", "nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MISSING");
    }

    private static MappingBuilder ecsCall(String operation) {
        return post(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(ECS_TARGET + operation))
                .withHeader("Content-Type", containing(ECS_JSON));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder ecsAnswer(String file) {
        return aResponse().withStatus(200).withHeader("Content-Type", ECS_JSON).withBody(resource(file));
    }

    static String resource(String name) {
        try (InputStream in = EcsProtocolContractTest.class.getResourceAsStream("/ecs-contract/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource ecs-contract/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
