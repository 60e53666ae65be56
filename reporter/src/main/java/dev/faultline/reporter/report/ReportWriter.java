package dev.faultline.reporter.report;

import dev.faultline.common.io.AtomicFiles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Writes {@code <dir>/<runId>/report.json} and {@code report.md}, each atomically. Writing again replaces both. */
@Singleton
public class ReportWriter {

    private final Path directory;

    public ReportWriter(@ConfigProperty(name = "faultline.report.dir", defaultValue = "reports") Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    public ReportFiles write(RunReport report) {
        Path runDir = directory.resolve(directoryName(report.runId()));
        ReportFiles files = new ReportFiles(runDir.resolve("report.json"), runDir.resolve("report.md"));
        try {
            AtomicFiles.write(files.json(), JsonReport.render(report));
            AtomicFiles.write(files.markdown(), MarkdownReport.render(report));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports of run " + report.runId() + " under " + runDir, e);
        }
        return files;
    }

    /**
     * The run id as one safe path segment: a run id comes from a Kafka message, and {@code ../x} must not write
     * outside the report directory.
     */
    static String directoryName(String runId) {
        String safe = runId.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.chars().allMatch(c -> c == '.') ? safe.replace('.', '_') : safe;
    }
}
