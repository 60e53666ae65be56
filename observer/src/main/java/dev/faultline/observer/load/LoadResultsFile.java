package dev.faultline.observer.load;

import java.nio.file.Path;
import java.util.List;

/**
 * The file Faultline's Artillery plugin appends one line per response to, at
 * {@code <faultline.load.results-dir>/<runId>/responses.csv} on the observer's host (the observer runs the load test,
 * see {@link LoadTestLauncher}). Read whole once the run's window has closed; lines still being written (incomplete)
 * are skipped.
 */
public final class LoadResultsFile {

    public static final String FILE_NAME = "responses.csv";

    private LoadResultsFile() {
    }

    public static Path of(Path resultsDir, String runId) {
        return resultsDir.resolve(runId).resolve(FILE_NAME);
    }

    /** Every complete response line; empty when the file does not exist (the load test never started). */
    public static List<LoadResponse> read(Path file) {
        return RunResultLines.read(file, LoadResponse::parse, "load results");
    }
}
