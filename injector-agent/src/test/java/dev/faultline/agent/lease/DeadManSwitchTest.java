package dev.faultline.agent.lease;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.agent.testing.Commands;
import dev.faultline.agent.testing.FakeContainerRuntime;
import dev.faultline.agent.testing.TestKeys;
import dev.faultline.common.command.RenewLease;
import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.event.FaultReverted;
import dev.faultline.common.json.ChaosJson;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The deployed agent (lease 2 s in the test profile, real watchdog thread) with its command channel in memory:
 * while signed renewals arrive the faults stay; when they stop (orchestrator killed, or Kafka unreachable: from
 * the agent's side both are silence on the channel) every fault of the run is reverted with cause lease-expired.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class DeadManSwitchTest {

    @Inject
    @Any
    InMemoryConnector connector;
    @Inject
    FakeContainerRuntime runtime;

    @Test
    void silenceOnTheCommandChannelRevertsEveryFaultOfTheRun() throws Exception {
        InMemorySink<String> events = connector.sink("events");
        events.clear();
        String run = "run-dms-" + System.nanoTime();
        List<String> targets = List.of("dms-1", "dms-2", "dms-3");
        for (String c : targets) {
            runtime.add(FakeContainerRuntime.running(c, true));
            connector.source("commands").send(TestKeys.signedJson(
                    Commands.pause("test-agent", run, c, run + "-" + c)));
        }
        awaitUntil(() -> runtime.paused().containsAll(targets), 10_000, "faults injected");

        // Renewals every 0.5 s for 3 s: longer than the 2 s lease, so only renewals keep the faults alive.
        long renewUntil = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < renewUntil) {
            Instant now = Instant.now();
            connector.source("commands").send(TestKeys.signedJson(RenewLease.of(run, now.plusSeconds(2), now)));
            Thread.sleep(500);
            assertThat(runtime.paused()).as("faults kept alive by renewals").containsAll(targets);
        }

        long silentSince = System.currentTimeMillis();
        awaitUntil(() -> targets.stream().noneMatch(runtime.paused()::contains), 10_000, "reverted on lease expiry");
        long revertedAfter = System.currentTimeMillis() - silentSince;
        // The last renewal granted 2 s; the watchdog looks every 250 ms. Tolerant bounds for a loaded machine.
        assertThat(revertedAfter).isBetween(1_000L, 8_000L);
        // Each revert is reported after its ledger entry is replaced by a tombstone: allow the last one a moment.
        awaitUntil(() -> revertedOf(events, run).size() >= 3, 5_000, "every revert reported");
        assertThat(revertedOf(events, run)).hasSize(3).allMatch(r -> r.cause().equals("lease-expired"));
    }

    private static List<FaultReverted> revertedOf(InMemorySink<String> events, String run) {
        return events.received().stream().map(m -> read(m.getPayload()))
                .filter(FaultReverted.class::isInstance).map(FaultReverted.class::cast)
                .filter(r -> r.runId().equals(run)).toList();
    }

    private static ChaosEvent read(String json) {
        try {
            return ChaosJson.read(json, ChaosEvent.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, long timeoutMillis, String what)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + timeoutMillis + " ms: " + what);
            }
            Thread.sleep(50);
        }
    }
}
