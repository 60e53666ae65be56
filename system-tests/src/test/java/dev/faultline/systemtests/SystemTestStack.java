package dev.faultline.systemtests;

import dev.faultline.testsupport.TestContainers;
import dev.faultline.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every system test class stands on: a {@link FaultlineStack} of its own and the containers its scenarios
 * start (labelled {@link TestContainers#TEST_LABEL}). Registered as
 * {@code @RegisterExtension static final SystemTestStack system = SystemTestStack.create();}: started before the
 * class's first test, and after its last test (even a failed one, or a failed start) the stack's processes stopped,
 * its tables deleted and its containers removed.
 */
final class SystemTestStack implements BeforeAllCallback, AfterAllCallback {

    /** How long the agent may take to report a container just started (its Docker events, then a heartbeat). */
    static final Duration ANNOUNCE_TIMEOUT = Duration.ofSeconds(60);

    private final boolean needsArtillery;
    /** The services' Kafka settings, asked for at start; null: the shared broker. */
    private final Supplier<Map<String, String>> kafkaEnvironment;
    private final Map<FaultlineStack.Service, Map<String, String>> extraProperties = new java.util.EnumMap<>(
            FaultlineStack.Service.class);
    private TestContainers containers;
    private FaultlineStack stack;

    private SystemTestStack(boolean needsArtillery, Supplier<Map<String, String>> kafkaEnvironment) {
        this.needsArtillery = needsArtillery;
        this.kafkaEnvironment = kafkaEnvironment;
    }

    static SystemTestStack create() {
        return new SystemTestStack(false, null);
    }

    /** For experiments with a {@code load:}: fails at once, before anything starts, if Artillery is not installed. */
    static SystemTestStack withArtillery() {
        return new SystemTestStack(true, null);
    }

    /**
     * A stack on another broker: {@code kafkaEnvironment} is asked for when the stack starts, after the extensions
     * registered before this one (the broker's) have started.
     */
    static SystemTestStack withKafka(Supplier<Map<String, String>> kafkaEnvironment) {
        return new SystemTestStack(false, kafkaEnvironment);
    }

    /** The stack's {@code service} also gets these system properties (e.g. the reporter's alert targets). */
    SystemTestStack withProperties(FaultlineStack.Service service, Map<String, String> properties) {
        extraProperties.put(service, Map.copyOf(properties));
        return this;
    }

    /** Adds {@code -Dname=value} settings to one service's command line; call before the class's tests start. */
    SystemTestStack with(FaultlineStack.Service service, String... settings) {
        Map<String, String> merged = new LinkedHashMap<>(extraProperties.getOrDefault(service, Map.of()));
        for (String setting : settings) {
            if (!setting.startsWith("-D") || setting.indexOf('=') < 3) {
                throw new IllegalArgumentException("not a -Dname=value setting: " + setting);
            }
            merged.put(setting.substring(2, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        extraProperties.put(service, Map.copyOf(merged));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path artillery = FaultlineStack.artillery();
        if (needsArtillery && !Files.isExecutable(artillery)) {
            throw new IllegalStateException("no Artillery at " + artillery + ": install it with ./faultline artillery");
        }
        containers = new TestContainers();
        if (kafkaEnvironment == null) {
            TestInfrastructure.requireKafka();
        }
        stack = FaultlineStack.started(Path.of("target", "e2e"), kafkaEnvironment == null
                ? Map.of(TestInfrastructure.KAFKA_ENV, TestInfrastructure.kafkaBootstrap()) : kafkaEnvironment.get(),
                extraProperties);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) {
            stack.close();
        }
        if (containers != null) {
            containers.close();
        }
    }

    FaultlineStack stack() {
        return stack;
    }

    TestContainers containers() {
        return containers;
    }

    /**
     * The demo target, opted in, restarted by Docker when killed, and reported running by this stack's agent: a run
     * can select it from now on.
     */
    TestContainers.Started announcedDemoTarget(String namePrefix, Map<String, String> labels) throws Exception {
        TestContainers.Started target = containers.startDemoTarget(namePrefix, labels);
        awaitAnnounced(target.name());
        return target;
    }

    /** Waits until this stack's agent reports the container {@code name} running to the orchestrator. */
    void awaitAnnounced(String name) throws Exception {
        stack.awaitTarget(name, ANNOUNCE_TIMEOUT);
    }
}
