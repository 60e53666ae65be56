package dev.faultline.reporter.report;

import java.nio.file.Path;
import java.util.Objects;

/** Where a run's reports were written. */
public record ReportFiles(Path json, Path markdown, Path html, Path junit) {

    public ReportFiles {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(junit, "junit");
    }
}
