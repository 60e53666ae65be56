package dev.faultline.agent.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.target.ContainerInfo;
import dev.faultline.testsupport.TestContainers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DockerRuntime against the real engine. Other tests may run containers too, so assertions name ours. */
class DockerRuntimeIT {

    private final TestContainers containers = new TestContainers();
    private final DockerRuntime runtime = new DockerRuntime(DockerClientProducer.create("unix:///var/run/docker.sock"));

    @AfterEach
    void removeContainers() {
        containers.close();
    }

    @Test
    void inventoryListsLabelledContainersInEveryStateAndNoOthers() {
        TestContainers.Started labelled = containers.startDemoTarget("faultline-it-inv", Map.of("app", "demo"));
        String plain = createContainer("faultline-it-plain", Map.of());
        containers.docker().startContainerCmd(plain).exec();
        String stopped = createContainer("faultline-it-stopped", Map.of(ContainerInfo.OPT_IN_LABEL, "true"));

        List<ContainerInfo> inventory = runtime.optedIn();

        assertThat(inventory).extracting(ContainerInfo::id).contains(labelled.id(), stopped).doesNotContain(plain);
        ContainerInfo running = inventory.stream().filter(c -> c.id().equals(labelled.id())).findFirst().orElseThrow();
        assertThat(running.name()).isEqualTo(labelled.name());
        assertThat(running.state()).isEqualTo("running");
        assertThat(running.image()).isEqualTo(TestContainers.DEMO_TARGET_IMAGE);
        assertThat(running.labels()).containsEntry("faultline.enabled", "true").containsEntry("app", "demo");
        ContainerInfo created = inventory.stream().filter(c -> c.id().equals(stopped)).findFirst().orElseThrow();
        assertThat(created.state()).isEqualTo("created");
    }

    @Test
    void theHostsAllowListAddsAComposeProjectToTheInventoryAndSaysWhy() {
        String project = "faultline-it-optin-" + UUID.randomUUID().toString().substring(0, 8);
        String inProject = createContainer("faultline-it-project", Map.of("com.docker.compose.project", project));
        String outside = createContainer("faultline-it-outside", Map.of("com.docker.compose.project", project + "x"));
        String optedOut = createContainer("faultline-it-out", Map.of("com.docker.compose.project", project,
                ContainerInfo.OPT_IN_LABEL, "false"));
        DockerRuntime allowing = new DockerRuntime(containers.docker(),
                new dev.faultline.agent.safety.OptInPolicy(List.of(project), List.of()));

        List<ContainerInfo> inventory = allowing.optedIn();

        assertThat(inventory).extracting(ContainerInfo::id).contains(inProject).doesNotContain(outside, optedOut);
        ContainerInfo allowed = inventory.stream().filter(c -> c.id().equals(inProject)).findFirst().orElseThrow();
        assertThat(allowed.optIn()).isEqualTo("Compose project " + project + " (the agent's allow-list)");
        assertThat(allowed.optedIn()).as("what the orchestrator reads").isTrue();
        assertThat(runtime.optedIn()).extracting(ContainerInfo::id).as("without the allow-list")
                .doesNotContain(inProject);
    }

    @Test
    void findReportsStatePidAndLabelsOrNothing() {
        TestContainers.Started target = containers.startDemoTarget("faultline-it-find", Map.of());

        Optional<InspectedContainer> found = runtime.find(target.id());
        Optional<InspectedContainer> byName = runtime.find(target.name());

        assertThat(found).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(target.id());
            assertThat(c.name()).isEqualTo(target.name());
            assertThat(c.running()).isTrue();
            assertThat(c.pid()).isGreaterThan(1);
            assertThat(c.labels()).containsEntry(ContainerInfo.OPT_IN_LABEL, "true");
        });
        assertThat(byName.map(InspectedContainer::id)).contains(target.id());
        assertThat(runtime.find("faultline-no-such-" + UUID.randomUUID())).isEmpty();
        assertThat(runtime.find("../containers/json")).as("not a container reference").isEmpty();
    }

    @Test
    void pingAnswers() {
        runtime.ping();
    }

    private String createContainer(String prefix, Map<String, String> labels) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return containers.create(containers.docker().createContainerCmd(TestContainers.DEMO_TARGET_IMAGE)
                .withName(name), labels);
    }
}
