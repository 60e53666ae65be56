package dev.faultline.reporter.report;

import dev.faultline.common.io.AtomicFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes {@code <dir>/<runId>/report.json}, {@code report.md}, {@code report.html} and {@code report.junit.xml}, each
 * atomically (a reader sees the old file or the new one, never half of one). Writing again replaces them.
 */
@Singleton
public class ReportWriter {

    public static final String JSON = "report.json";
    public static final String MARKDOWN = "report.md";
    public static final String HTML = "report.html";
    public static final String JUNIT = "report.junit.xml";
    /** The index of runs, at the top of the report directory. */
    public static final String INDEX = "index.html";

    private final Path directory;

    public ReportWriter(@ConfigProperty(name = "faultline.report.dir", defaultValue = "reports") Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public ReportFiles write(RunReport report) {
        Path runDir = directory.resolve(directoryName(report.runId()));
        ReportFiles files = new ReportFiles(runDir.resolve(JSON), runDir.resolve(MARKDOWN), runDir.resolve(HTML),
                runDir.resolve(JUNIT));
        try {
            AtomicFiles.write(files.json(), JsonReport.render(report));
            AtomicFiles.write(files.markdown(), MarkdownReport.render(report));
            AtomicFiles.write(files.html(), HtmlReport.render(report));
            AtomicFiles.write(files.junit(), JunitReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports of run " + report.runId() + " under " + runDir, e);
        }
        return files;
    }

    /** The report directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** Where the run's report {@code fileName} is (or will be) written. */
    public Path file(String runId, String fileName) {
        return directory.resolve(directoryName(runId)).resolve(fileName);
    }

    /**
     * The run id as one safe path segment: a run id comes from a Kafka message, and {@code ../x} must not write
     * outside the report directory.
     */
    public static String directoryName(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.chars().allMatch(c -> c == '.') ? safe.replace('.', '_') : safe;
    }
}
