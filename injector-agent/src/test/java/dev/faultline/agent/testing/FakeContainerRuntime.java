package dev.faultline.agent.testing;

import dev.faultline.agent.runtime.docker.ContainerInspector;
import dev.faultline.agent.runtime.docker.ContainerInventory;
import dev.faultline.agent.runtime.docker.ContainerKiller;
import dev.faultline.agent.runtime.docker.ContainerLifecycle;
import dev.faultline.agent.runtime.docker.InspectedContainer;
import dev.faultline.agent.runtime.docker.RuntimePing;
import dev.faultline.agent.runtime.docker.RuntimeVersion;
import dev.faultline.common.target.ContainerInfo;
import io.quarkus.test.Mock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host with the containers a test puts on it, so that *Test classes need no Docker engine. Also replaces the
 * Docker runtime in @QuarkusTest (an empty host: every container is unknown). Kills are recorded, not performed.
 */
@Mock
@jakarta.enterprise.context.ApplicationScoped
public class FakeContainerRuntime implements ContainerInventory, ContainerInspector, ContainerKiller, RuntimePing,
        ContainerLifecycle, RuntimeVersion {

    private final java.util.concurrent.atomic.AtomicInteger inspections = new java.util.concurrent.atomic.AtomicInteger();

    private final Map<String, InspectedContainer> containers = new ConcurrentHashMap<>();
    private final List<String> kills = new CopyOnWriteArrayList<>();
    private final List<String> lifecycle = new CopyOnWriteArrayList<>();
    private volatile RuntimeException unreachable;
    private volatile Runnable onKill = () -> { };
    private volatile RuntimeException killFailure;

    public FakeContainerRuntime add(InspectedContainer container) {
        containers.put(container.id(), container);
        return this;
    }

    public static InspectedContainer running(String id, boolean optedIn) {
        return new InspectedContainer(id, id + "-name", "running", 4242,
                optedIn ? Map.of(ContainerInfo.OPT_IN_LABEL, "true") : Map.of("app", "demo"));
    }

    public static InspectedContainer exited(String id, boolean optedIn) {
        return new InspectedContainer(id, id + "-name", "exited", 0,
                optedIn ? Map.of(ContainerInfo.OPT_IN_LABEL, "true") : Map.of());
    }

    /** From now on every call fails as an unreachable engine does. */
    public void makeUnreachable(String why) {
        this.unreachable = new IllegalStateException(why);
    }

    /** Runs while a kill is "in progress", e.g. to move a test clock. */
    public void onKill(Runnable action) {
        this.onKill = action;
    }

    public void failKillsWith(RuntimeException failure) {
        this.killFailure = failure;
    }

    /** {@code containerId:signal} of every kill asked for. */
    public List<String> kills() {
        return List.copyOf(kills);
    }

    @Override
    public List<ContainerInfo> optedIn() {
        checkReachable();
        return containers.values().stream()
                .map(c -> new ContainerInfo(c.id(), c.name(), "demo:local", c.status(), c.labels()))
                .filter(ContainerInfo::optedIn)
                .toList();
    }

    @Override
    public Optional<InspectedContainer> find(String containerId) {
        inspections.incrementAndGet();
        checkReachable();
        return Optional.ofNullable(containers.get(containerId));
    }

    /** How many times a container was looked up (inspected). */
    public int inspections() {
        return inspections.get();
    }

    @Override
    public void kill(String containerId, String shortSignal) {
        checkReachable();
        onKill.run();
        if (killFailure != null) {
            throw killFailure;
        }
        kills.add(containerId + ":" + shortSignal);
    }

    private final java.util.Set<String> paused = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException unpauseFailure;
    private volatile Runnable onPause = () -> { };

    public void onPause(Runnable action) {
        this.onPause = action;
    }


    public void failUnpausesWith(RuntimeException failure) {
        this.unpauseFailure = failure;
    }

    /** The containers paused now. */
    public java.util.Set<String> paused() {
        return java.util.Set.copyOf(paused);
    }

    public void remove(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public void ping() {
        checkReachable();
    }

    /** {@code action:containerId} of every lifecycle call, e.g. {@code pause:c1}. */
    public List<String> lifecycleCalls() {
        return List.copyOf(lifecycle);
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        record("stop", containerId, "exited");
    }

    @Override
    public void start(String containerId) {
        record("start", containerId, "running");
    }

    @Override
    public void pause(String containerId) {
        checkReachable();
        onPause.run();
        paused.add(containerId);
        record("pause", containerId, "paused");
    }

    @Override
    public void unpause(String containerId) {
        checkReachable();
        if (unpauseFailure != null) {
            throw unpauseFailure;
        }
        paused.remove(containerId);
        record("unpause", containerId, "running");
    }

    @Override
    public void restart(String containerId, Duration timeout) {
        record("restart", containerId, "running");
    }

    @Override
    public String apiVersion() {
        checkReachable();
        return "1.41";
    }

    private void record(String action, String containerId, String newStatus) {
        checkReachable();
        lifecycle.add(action + ":" + containerId);
        // A stopped container has no process; one started again gets a new one.
        containers.computeIfPresent(containerId, (id, c) -> new InspectedContainer(id, c.name(), newStatus,
                newStatus.equals("exited") ? 0 : c.pid() > 0 ? c.pid() : 4343, c.labels()));
    }

    private void checkReachable() {
        if (unreachable != null) {
            throw unreachable;
        }
    }
}
