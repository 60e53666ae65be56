package dev.faultline.ecs.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The CloudFormation templates of deploy/ecs, read as CloudFormation reads them (YAML with its short-form tags such
 * as {@code !Ref} and {@code !Sub}), checked for what Faultline relies on, and given to {@code cfn-lint} where it is
 * installed. None of this deploys them: nothing here ran against AWS.
 */
class EcsTemplatesTest {

    private static final Path TEMPLATES = Path.of("..", "deploy", "ecs");

    static Stream<Path> templates() throws IOException {
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void everyTemplateParsesWithCloudFormationsTagsAndHasTypedResources(Path template) throws IOException {
        Map<String, Object> doc = read(template);

        assertThat(doc).containsEntry("AWSTemplateFormatVersion", "2010-09-09").containsKey("Description");
        Map<String, Object> resources = map(doc.get("Resources"));
        assertThat(resources).isNotEmpty();
        resources.forEach((name, resource) -> assertThat(map(resource).get("Type")).as(name).asString()
                .startsWith("AWS::"));
    }

    @Test
    void theAgentIsADaemonOnTheInstancesWithTheHostsNamespacesAndMayOnlyStopAndDescribeItsClustersTasks()
            throws IOException {
        Map<String, Object> resources = map(read(TEMPLATES.resolve("faultline-agent-daemon.yaml")).get("Resources"));

        Map<String, Object> service = properties(resources, "AgentService");
        assertThat(service).containsEntry("SchedulingStrategy", "DAEMON").containsEntry("LaunchType", "EC2");
        Map<String, Object> task = properties(resources, "AgentTaskDefinition");
        assertThat(task).containsEntry("NetworkMode", "host").containsEntry("PidMode", "host");
        List<Map<String, Object>> statements = statements(properties(resources, "AgentTaskRole"));
        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(s.get("Action")).isEqualTo(List.of("ecs:StopTask", "ecs:DescribeTasks"));
            assertThat(s).containsKey("Condition");
        });
        assertThat(environment(task)).containsEntry("FAULTLINE_AGENT_ECS_ENABLED", "true");
    }

    @Test
    void theTablesHaveTheKeysAndIndexesTheServicesCreateLocally() throws IOException {
        Map<String, Object> resources = map(read(TEMPLATES.resolve("faultline-data.yaml")).get("Resources"));

        // DynamoDbRunStore (orchestrator), DynamoDbScheduleStore (orchestrator), RunTables and AlertLedger (reporter)
        assertThat(keys(properties(resources, "OrchestratorRunsTable"))).containsExactly("runId");
        assertThat(indexes(properties(resources, "OrchestratorRunsTable")))
                .containsExactly("runs-by-experiment", "runs-by-created", "active-runs");
        assertThat(keys(properties(resources, "OrchestratorSchedulesTable"))).containsExactly("scheduleId");
        assertThat(keys(properties(resources, "OrchestratorScheduleOccurrencesTable")))
                .containsExactly("scheduleId", "occurrence");
        assertThat(keys(properties(resources, "ReporterRunsTable"))).containsExactly("runId");
        assertThat(keys(properties(resources, "ReporterRunEventsTable"))).containsExactly("runId", "eventKey");
        assertThat(keys(properties(resources, "ReporterAlertsTable"))).containsExactly("alertId");
        assertThat(map(resources.get("AlertsTopic")).get("Type")).isEqualTo("AWS::SNS::Topic");
    }

    @Test
    void everyServiceRoleNamesItsActionsAndOnlyElbDescribesTakeEveryResource() throws IOException {
        Map<String, Object> resources = map(read(TEMPLATES.resolve("faultline-services.yaml")).get("Resources"));

        for (String role : List.of("OrchestratorTaskRole", "ObserverTaskRole", "ReporterTaskRole")) {
            for (Map<String, Object> s : statements(properties(resources, role))) {
                assertThat(String.valueOf(s.get("Action"))).as(role).doesNotContain("*");
                if ("*".equals(s.get("Resource"))) {
                    assertThat(s.get("Action")).as(role).isEqualTo("elasticloadbalancing:DescribeTargetHealth");
                }
            }
        }
        assertThat(properties(resources, "ObserverTaskDefinition")).containsEntry("RequiresCompatibilities",
                List.of("FARGATE"));
    }

    @Test
    void theFargateTargetEnablesFaultInjectionAndRunsTheAgentAsANonEssentialSidecar() throws IOException {
        Map<String, Object> resources = map(read(TEMPLATES.resolve("fargate-target-with-sidecar.yaml"))
                .get("Resources"));

        Map<String, Object> task = properties(resources, "TaskDefinition");
        assertThat(task).containsEntry("EnableFaultInjection", true).containsEntry("NetworkMode", "awsvpc");
        Map<String, Object> sidecar = containers(task).stream().filter(c -> "faultline-agent".equals(c.get("Name")))
                .findFirst().orElseThrow();
        assertThat(sidecar).containsEntry("Essential", false);
        assertThat(environment(sidecar)).containsEntry("FAULTLINE_AGENT_ECS_TASK_SIDECAR", "true");
    }

    @Test
    void cfnLintFindsNothingWhereItIsInstalled() throws Exception {
        List<String> command = new ArrayList<>(List.of("cfn-lint"));
        templates().forEach(p -> command.add(p.toString()));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            assumeTrue(false, "cfn-lint is not installed (pip install cfn-lint)");
            return;
        }
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    // --- reading templates

    private static Map<String, Object> read(Path template) throws IOException {
        return new Yaml(new CloudFormationConstructor()).load(Files.readString(template));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, Object> properties(Map<String, Object> resources, String name) {
        assertThat(resources).as("resources").containsKey(name);
        return map(map(resources.get(name)).get("Properties"));
    }

    private static List<String> keys(Map<String, Object> table) {
        return list(table.get("KeySchema")).stream().map(k -> (String) k.get("AttributeName")).toList();
    }

    private static List<String> indexes(Map<String, Object> table) {
        return list(table.get("GlobalSecondaryIndexes")).stream().map(i -> (String) i.get("IndexName")).toList();
    }

    private static List<Map<String, Object>> statements(Map<String, Object> role) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object policy : (List<?>) role.get("Policies")) {
            Map<String, Object> p = map(policy);
            if (p.containsKey("PolicyDocument")) {
                all.addAll(list(map(p.get("PolicyDocument")).get("Statement")));
            }
        }
        return all;
    }

    private static List<Map<String, Object>> containers(Map<String, Object> task) {
        return list(task.get("ContainerDefinitions"));
    }

    private static Map<String, Object> environment(Map<String, Object> containerOrTask) {
        List<Map<String, Object>> containers = containerOrTask.containsKey("ContainerDefinitions")
                ? containers(containerOrTask) : List.of(containerOrTask);
        Map<String, Object> env = new java.util.HashMap<>();
        for (Map<String, Object> c : containers) {
            for (Map<String, Object> e : list(c.get("Environment"))) {
                env.put((String) e.get("Name"), e.get("Value"));
            }
        }
        return env;
    }

    /**
     * CloudFormation's short-form intrinsic functions ({@code !Ref x}, {@code !Sub "..."}, {@code !If [...]}) read
     * as their long form ({@code {Ref: x}}, {@code {Fn::Sub: ...}}), as CloudFormation itself reads them.
     */
    static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String fn : List.of("Ref", "Sub", "GetAtt", "If", "Not", "Equals", "Join", "ImportValue", "Select",
                    "Split", "FindInMap", "GetAZs", "Base64", "Cidr", "And", "Or", "Condition")) {
                this.yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn.equals("Ref") || fn.equals("Condition")
                        ? fn : "Fn::" + fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                return Map.of(key, value);
            }
        }
    }
}
