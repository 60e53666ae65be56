package dev.faultline.orchestrator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.faultline.common.experiment.Experiment;
import dev.faultline.common.io.AtomicFiles;
import dev.faultline.common.json.ChaosJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The orchestrator's runs on local disk, one file per run ({@code <dir>/<runId>.json}), rewritten atomically (write,
 * flush, rename) at every transition. The registry is in memory; without this journal a kill -9 forgot every run,
 * and a run whose RunFinished or RunAborted was never sent stayed RUNNING in the reporter's table for good. A restarted
 * orchestrator reads the journal back (see {@link RunCoordinator#recover}): it cannot resume a run, whose timers,
 * lease renewals and load test died with the old process, so it ends the active ones as aborted, and it still answers
 * for the ended ones.
 */
public final class RunJournal {

    private static final Logger LOG = Logger.getLogger(RunJournal.class);
    private static final String SUFFIX = ".json";

    /** What a run's file holds: the experiment (a {@link Run} cannot be rebuilt without it) and the run's view. */
    public record Entry(Experiment experiment, RunView view) {
    }

    private final Path dir;
    private final Duration retention;

    /**
     * @param retention how long the file of an ended run is kept (for the API after a restart); older ones are
     *                  deleted when the journal is loaded
     */
    public RunJournal(Path dir, Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative, was " + retention);
        }
        this.dir = dir;
        this.retention = retention;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the run's current state; throws when it cannot, so that a run is never started unrecorded. */
    public void save(Run run) {
        Entry entry = new Entry(run.experiment(), run.view());
        Path file = dir.resolve(run.id() + SUFFIX);
        try {
            AtomicFiles.write(file, ChaosJson.write(entry));
        } catch (IOException e) {
            throw new UncheckedIOException("could not journal run " + run.id() + " in " + dir, e);
        }
    }

    /**
     * The journaled runs, as they were last saved. A file that cannot be read is renamed {@code *.unreadable} and
     * left out with a warning (a half-written file cannot occur: writes are renamed into place); ended runs older
     * than the retention are deleted.
     */
    public List<Run> load(Instant now) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the run journal " + dir, e);
        }
        List<Run> runs = new ArrayList<>();
        for (Path file : files) {
            Entry entry;
            try {
                entry = ChaosJson.read(Files.readString(file), Entry.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                LOG.warnf("run journal: %s cannot be read (%s); set aside as *.unreadable", file, e.getMessage());
                setAside(file);
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + file, e);
            }
            RunView view = entry.view();
            if (view.state().terminal() && view.endedAt() != null && view.endedAt().plus(retention).isBefore(now)) {
                delete(file);
                continue;
            }
            runs.add(Run.restore(entry.experiment(), view));
        }
        return runs;
    }

    private static void setAside(Path file) {
        try {
            Files.move(file, file.resolveSibling(file.getFileName() + ".unreadable"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warnf("run journal: could not set %s aside: %s", file, e.getMessage());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("run journal: could not delete %s: %s", file, e.getMessage());
        }
    }
}
