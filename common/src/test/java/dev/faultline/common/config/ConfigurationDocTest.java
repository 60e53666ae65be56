package dev.faultline.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/configuration.md true: every setting a service reads (its application.properties, in any profile, its
 * {@code @ConfigProperty} and {@code @ConfigMapping} names, {@link FaultlineDefaults} and {@link KafkaSecurity}'s
 * settings) must have its row there.
 * Services are the modules beside common with a {@code src/main/resources/application.properties}; the example
 * shop (examples/, its own build) is a system under test, not Faultline, and is not covered.
 */
class ConfigurationDocTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");
    private static final Pattern CHANNEL = Pattern.compile("^(mp\\.messaging\\.(?:incoming|outgoing)\\.[^.]+)\\.(.+)$");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    /** An abstract method of a mapping interface: its indentation, return type and name. */
    private static final Pattern MAPPING_METHOD = Pattern.compile("^(\\s+)(?!return\\b)([\\w<>?, .]+?)\\s+(\\w+)\\(\\);\\s*$");
    private static final Pattern NESTED_INTERFACE = Pattern.compile("^\\s+interface\\s+(\\w+)\\s*\\{");
    /** A backticked name in a table row. */
    private static final Pattern DOCUMENTED = Pattern.compile("`([^`\\s]+)`");

    @Test
    void everySettingOfEveryServiceHasARow() throws IOException {
        assertThat(missing(settingsOfTheServices(), documentedNames()))
                .as("settings missing from docs/configuration.md").isEmpty();
    }

    @Test
    void aChannelAttributeNeedsItsChannelAndItsAttributeDocumented() {
        Set<String> documented = Set.of("mp.messaging.incoming.events", "topic", "faultline.topic-prefix");
        assertThat(missing(Set.of("mp.messaging.incoming.events.topic", "mp.messaging.incoming.events.group.id",
                "mp.messaging.outgoing.audit-out.topic", "faultline.topic-prefix", "faultline.report.dir"), documented))
                .containsExactly("faultline.report.dir", "mp.messaging.incoming.events.group.id",
                        "mp.messaging.outgoing.audit-out.topic");
    }

    @Test
    void mappingSettingsNameLeavesAndGroups() {
        String code = String.join("\n",
                "@ConfigMapping(prefix = \"faultline.agent\")",
                "public interface AgentConfig {",
                "    @WithDefault(\"20\")",
                "    int maxActiveFaults();",
                "    Optional<String> containerId();",
                "    OptIn optIn();",
                "    default String shown() {",
                "        return containerId();",
                "    }",
                "    interface OptIn {",
                "        Optional<List<String>> composeProjects();",
                "    }",
                "}");
        assertThat(mappingSettings("faultline.agent", code)).containsExactly("faultline.agent.container-id",
                "faultline.agent.max-active-faults", "faultline.agent.opt-in.compose-projects");
    }

    /** The settings that have no row: a channel attribute needs its channel's row and the attribute's row. */
    static Set<String> missing(Set<String> settings, Set<String> documented) {
        Set<String> missing = new TreeSet<>();
        for (String setting : settings) {
            Matcher channel = CHANNEL.matcher(setting);
            boolean present = channel.matches()
                    ? documented.contains(channel.group(1)) && documented.contains(channel.group(2))
                    : documented.contains(setting);
            if (!present) {
                missing.add(setting);
            }
        }
        return missing;
    }

    @Test
    void readsTheServicesItShouldCover() throws IOException {
        // A test that found no service (a moved file, a wrong working directory) would pass on nothing.
        assertThat(serviceProperties()).extracting(p -> ROOT.relativize(p).getName(0).toString())
                .contains("orchestrator", "injector-agent", "observer", "reporter");
        assertThat(settingsOfTheServices()).contains("kafka.bootstrap.servers", "faultline.topic-prefix",
                "faultline.commands.max-validity", "faultline.agent.heartbeat-interval", "faultline.topics.events",
                "mp.messaging.incoming.commands.topic");
    }

    private static Set<String> settingsOfTheServices() throws IOException {
        Set<String> settings = new TreeSet<>(FaultlineDefaults.VALUES.keySet());
        // Read by KafkaSecurityConfigFactory for every service, not through a @ConfigProperty.
        settings.addAll(KafkaSecurity.SETTINGS);
        for (Path file : serviceProperties()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> settings.add(PROFILE.matcher(name).replaceFirst("")));
        }
        for (Path source : serviceSources()) {
            String code = Files.readString(source);
            CONFIG_PROPERTY.matcher(code).results().forEach(m -> settings.add(m.group(1)));
            Matcher mapping = CONFIG_MAPPING.matcher(code);
            if (mapping.find()) {
                settings.addAll(mappingSettings(mapping.group(1), code));
            }
        }
        return settings;
    }

    private static Set<String> documentedNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(ROOT.resolve("docs/configuration.md"))) {
            if (line.startsWith("|")) {
                DOCUMENTED.matcher(line).results().forEach(m -> names.add(m.group(1)));
            }
        }
        return names;
    }

    private static Set<Path> serviceProperties() throws IOException {
        Set<Path> files = new TreeSet<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("src/main/resources/application.properties")).filter(Files::isRegularFile)
                    .forEach(files::add);
        }
        return files;
    }

    private static Set<Path> serviceSources() throws IOException {
        Set<Path> sources = new TreeSet<>();
        for (Path properties : serviceProperties()) {
            Path javaRoot = properties.getParent().getParent().resolve("java");
            try (Stream<Path> files = Files.walk(javaRoot)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
            }
        }
        return sources;
    }

    /**
     * The settings of a {@code @ConfigMapping} interface: each abstract method under the prefix, and the methods of a
     * nested interface (a group such as {@code OptIn optIn()}) under the prefix and the group's name.
     */
    static Set<String> mappingSettings(String prefix, String code) {
        Map<String, List<String>> groupMembers = new HashMap<>();
        Map<String, String> leaves = new LinkedHashMap<>();
        String nested = null;
        for (String line : code.split("\\R")) {
            Matcher start = NESTED_INTERFACE.matcher(line);
            if (start.find()) {
                nested = start.group(1);
                groupMembers.put(nested, new ArrayList<>());
                continue;
            }
            Matcher method = MAPPING_METHOD.matcher(line);
            if (!method.matches()) {
                continue;
            }
            if (nested != null && method.group(1).length() > 4) {
                groupMembers.get(nested).add(kebab(method.group(3)));
            } else {
                leaves.put(kebab(method.group(3)), method.group(2).trim());
            }
        }
        Set<String> settings = new TreeSet<>();
        leaves.forEach((name, type) -> {
            List<String> members = groupMembers.get(type);
            if (members == null) {
                settings.add(prefix + "." + name);
            } else {
                members.forEach(member -> settings.add(prefix + "." + name + "." + member));
            }
        });
        return settings;
    }

    /** {@code heartbeatInterval} to {@code heartbeat-interval}, SmallRye's naming of mapping methods. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
