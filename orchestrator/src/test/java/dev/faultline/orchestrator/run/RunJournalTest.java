package dev.faultline.orchestrator.run;

import dev.faultline.common.run.RunState;
import static org.assertj.core.api.Assertions.assertThat;

import dev.faultline.common.experiment.Experiment;
import dev.faultline.orchestrator.experiment.ExperimentParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {

    static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    static final Experiment EXPERIMENT = new ExperimentParser().parse("""
            name: journal-test
            duration: 20s
            steadyState:
              warmup: 2s
              probes:
                - name: health
                  url: http://127.0.0.1:9/health
            faults:
              - target:
                  selector: {name: web}
                fault: {type: container-pause}
            """, ExperimentParser.Format.YAML);

    @TempDir
    Path dir;

    static Run run(String id) {
        return new Run(id, EXPERIMENT, List.of(), T0, T0.plusSeconds(2), T0.plusSeconds(22));
    }

    @Test
    void aSavedRunComesBackAsItWasLastSaved() {
        RunJournal journal = new RunJournal(dir, Duration.ofDays(7));
        Run running = run("run-a");
        Run aborted = run("run-b");
        journal.save(running);
        journal.save(aborted);
        aborted.abort("halted by otto: drill", T0.plusSeconds(5));
        journal.save(aborted);

        List<Run> loaded = journal.load(T0.plusSeconds(60));

        assertThat(loaded).extracting(Run::id).containsExactly("run-a", "run-b");
        assertThat(loaded.get(0).view()).isEqualTo(running.view());
        assertThat(loaded.get(0).state()).isEqualTo(RunState.RUNNING);
        assertThat(loaded.get(1).view()).isEqualTo(aborted.view());
        assertThat(loaded.get(1).view().abortReason()).isEqualTo("halted by otto: drill");
        assertThat(loaded.get(1).experiment()).isEqualTo(EXPERIMENT);
        assertThat(dir.resolve("run-b.json.tmp")).doesNotExist();
    }

    @Test
    void anUnreadableFileIsSetAsideAndTheOthersStillLoad() throws Exception {
        RunJournal journal = new RunJournal(dir, Duration.ofDays(7));
        journal.save(run("run-a"));
        Files.writeString(dir.resolve("run-broken.json"), "{\"experiment\": tru");

        assertThat(journal.load(T0)).extracting(Run::id).containsExactly("run-a");
        assertThat(dir.resolve("run-broken.json")).doesNotExist();
        assertThat(dir.resolve("run-broken.json.unreadable")).exists();
    }

    @Test
    void endedRunsOlderThanTheRetentionAreDeletedButActiveOnesNever() {
        RunJournal journal = new RunJournal(dir, Duration.ofHours(1));
        Run old = run("run-old");
        old.abort("drill", T0);
        journal.save(old);
        journal.save(run("run-active"));

        assertThat(journal.load(T0.plus(Duration.ofHours(2)))).extracting(Run::id).containsExactly("run-active");
        assertThat(dir.resolve("run-old.json")).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsAnEmptyJournal() {
        assertThat(new RunJournal(dir.resolve("absent"), Duration.ofDays(1)).load(T0)).isEmpty();
    }
}
