package dev.faultline.orchestrator.run;

import dev.faultline.common.event.PlannedFault;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The timed phases of a run after its announcement, in order: the steady-state warm-up until {@code injectAt}, one
 * injection wave per distinct fault offset (faults with the same {@code startAfter} go out together), the observation
 * until {@code observeUntil}, and the close of the window. A pure function of the run, so the order is tested without
 * a timer.
 */
public final class RunSchedule {

    /** One thing the coordinator does at an instant. */
    public sealed interface Step {
        Instant at();
    }

    /** Sends an InjectFault for each of {@code faults}. */
    public record InjectWave(Instant at, List<PlannedFault> faults) implements Step {
        public InjectWave {
            faults = List.copyOf(faults);
        }
    }

    /** The observation window closes: RunFinished, and the verdict is awaited. */
    public record CloseWindow(Instant at) implements Step {
    }

    private RunSchedule() {
    }

    public static List<Step> of(Run run) {
        RunView view = run.view();
        Map<Duration, List<PlannedFault>> waves = run.plan().stream()
                .collect(Collectors.groupingBy(PlannedFault::startAfter, TreeMap::new, Collectors.toList()));
        List<Step> steps = new ArrayList<>();
        waves.forEach((offset, wave) -> steps.add(new InjectWave(view.injectAt().plus(offset), wave)));
        steps.add(new CloseWindow(view.observeUntil()));
        // Stable: a wave due at the window's end still goes before the close (and is then skipped, as too late).
        steps.sort(Comparator.comparing(Step::at));
        return List.copyOf(steps);
    }
}
