package dev.faultline.agent.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
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
        await("faults injected").atMost(Duration.ofSeconds(10)).until(() -> runtime.paused().containsAll(targets));

        // Renewals every 0.5 s for 3 s: longer than the 2 s lease, so only renewals keep the faults alive.
        long renewUntil = System.currentTimeMillis() + 3_000;
        while (System.currentTimeMillis() < renewUntil) {
            Instant now = Instant.now();
            connector.source("commands").send(TestKeys.signedJson(RenewLease.of(run, now.plusSeconds(2), now)));
            Thread.sleep(500); // the renewal period, part of what is tested: faults must outlive 3 s of renewals
            assertThat(runtime.paused()).as("faults kept alive by renewals").containsAll(targets);
        }

        long silentSince = System.currentTimeMillis();
        await("reverted on lease expiry").atMost(Duration.ofSeconds(10))
                .until(() -> targets.stream().noneMatch(runtime.paused()::contains));
        long revertedAfter = System.currentTimeMillis() - silentSince;
        // The last renewal granted 2 s; the watchdog looks every 250 ms. Tolerant bounds for a loaded machine.
        assertThat(revertedAfter).isBetween(1_000L, 8_000L);
        // Each revert is reported after its ledger entry is replaced by a tombstone: allow the last one a moment.
        await("every revert reported").atMost(Duration.ofSeconds(5)).until(() -> revertedOf(events, run).size() >= 3);
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
}
