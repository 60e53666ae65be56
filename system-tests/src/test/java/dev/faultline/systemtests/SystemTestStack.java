package dev.faultline.systemtests;

import dev.faultline.testsupport.TestContainers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<FaultlineStack.Service, List<String>> properties = new LinkedHashMap<>();
    private TestContainers containers;
    private FaultlineStack stack;

    private SystemTestStack(boolean needsArtillery) {
        this.needsArtillery = needsArtillery;
    }

    static SystemTestStack create() {
        return new SystemTestStack(false);
    }

    /** For experiments with a {@code load:}: fails at once, before anything starts, if Artillery is not installed. */
    static SystemTestStack withArtillery() {
        return new SystemTestStack(true);
    }

    /** Adds {@code -Dname=value} settings to one service's command line; call before the class's tests start. */
    SystemTestStack with(FaultlineStack.Service service, String... settings) {
        properties.computeIfAbsent(service, s -> new ArrayList<>()).addAll(List.of(settings));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path artillery = FaultlineStack.artillery();
        if (needsArtillery && !Files.isExecutable(artillery)) {
            throw new IllegalStateException("no Artillery at " + artillery + ": install it with ./faultline artillery");
        }
        containers = new TestContainers();
        stack = FaultlineStack.started(Path.of("target", "e2e"), properties);
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
