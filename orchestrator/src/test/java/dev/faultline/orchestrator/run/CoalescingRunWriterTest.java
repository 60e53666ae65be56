package dev.faultline.orchestrator.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.event.FaultInjected;
import dev.faultline.common.event.PlannedFault;
import dev.faultline.common.fault.ContainerPause;
import dev.faultline.common.target.TargetRef;
import dev.faultline.orchestrator.testing.InMemoryRunStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class CoalescingRunWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    /** Runs the queued saves only when the test says so: the writer thread, stepped by hand. */
    private final Queue<Runnable> queued = new ArrayDeque<>();
    private final List<Integer> savedInjectedCounts = new ArrayList<>();
    private final InMemoryRunStore memory = new InMemoryRunStore();
    /** What the event consumer does while the writer is in the middle of a save; run once. */
    private Runnable duringNextSave = () -> { };
    private final RunStore counting = new RunStore() {
        @Override
        public void save(Run run) {
            savedInjectedCounts.add(run.view().injected().size());
            memory.save(run);
            Runnable hook = duringNextSave;
            duringNextSave = () -> { };
            hook.run();
        }

        @Override
        public List<Run> loadActive(Instant now) {
            return memory.loadActive(now);
        }

        @Override
        public java.util.Optional<Run> find(String runId) {
            return memory.find(runId);
        }

        @Override
        public RunPage list(RunQuery query) {
            return memory.list(query);
        }

        @Override
        public String describe() {
            return "counting";
        }
    };
    private final CoalescingRunWriter writer = new CoalescingRunWriter(counting, queued::add);

    @Test
    void outcomesArrivingBeforeTheSaveRunsAreStoredByOneSaveOfTheLatestState() {
        Run run = run(1000);
        for (int i = 0; i < 1000; i++) {
            run.faultInjected(injected(run, i));
            writer.storeSoon(run);
        }

        assertThat(queued).hasSize(1);
        runQueued();

        assertThat(savedInjectedCounts).containsExactly(1000);
        assertThat(memory.stored(run.id())).get().satisfies(view -> assertThat(view.injected()).hasSize(1000));
    }

    @Test
    void outcomesArrivingDuringASaveQueueExactlyOneMore() {
        Run run = run(3);
        run.faultInjected(injected(run, 0));
        writer.storeSoon(run);
        duringNextSave = () -> {
            run.faultInjected(injected(run, 1));
            writer.storeSoon(run);
            run.faultInjected(injected(run, 2));
            writer.storeSoon(run);
        };

        queued.poll().run();

        assertThat(savedInjectedCounts).containsExactly(1);
        assertThat(queued).hasSize(1);
        runQueued();
        assertThat(savedInjectedCounts).containsExactly(1, 3);
        assertThat(memory.stored(run.id())).get().satisfies(view -> assertThat(view.injected()).hasSize(3));
    }

    @Test
    void aFailedSaveIsLoggedAndTheNextOutcomeIsStoredAgain() {
        List<String> attempts = new ArrayList<>();
        RunStore failingOnce = new RunStore() {
            @Override
            public void save(Run run) {
                attempts.add(run.id());
                if (attempts.size() == 1) {
                    throw new RunStoreException("item too large", null);
                }
                memory.save(run);
            }

            @Override
            public List<Run> loadActive(Instant now) {
                return List.of();
            }

            @Override
            public java.util.Optional<Run> find(String runId) {
                return memory.find(runId);
            }

            @Override
            public RunPage list(RunQuery query) {
                return memory.list(query);
            }

            @Override
            public String describe() {
                return "failing once";
            }
        };
        CoalescingRunWriter flaky = new CoalescingRunWriter(failingOnce, queued::add);
        Run run = run(2);
        run.faultInjected(injected(run, 0));
        flaky.storeSoon(run);
        runQueued();
        run.faultInjected(injected(run, 1));
        flaky.storeSoon(run);
        runQueued();

        assertThat(attempts).hasSize(2);
        assertThat(memory.stored(run.id())).get().satisfies(view -> assertThat(view.injected()).hasSize(2));
    }

    private void runQueued() {
        while (!queued.isEmpty()) {
            queued.poll().run();
        }
    }

    private static Run run(int targets) {
        List<PlannedFault> plan = new ArrayList<>();
        for (int i = 0; i < targets; i++) {
            plan.add(new PlannedFault("run-c-f0-" + i, target(i), new ContainerPause(), Duration.ofSeconds(10)));
        }
        return new Run("run-c", RunCoordinatorTest.experiment(false), plan, T0, T0, T0.plusSeconds(10));
    }

    private static TargetRef target(int i) {
        return new TargetRef("agent-" + i, "container-" + i, "web-" + i);
    }

    private static FaultInjected injected(Run run, int i) {
        return FaultInjected.of(run.id(), "run-c-f0-" + i, "container-pause", target(i), T0.plusSeconds(1), 1,
                T0.plusSeconds(1));
    }
}
