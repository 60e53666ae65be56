package dev.faultline.reporter.index;

import dev.faultline.common.io.AtomicFiles;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.store.RunStore;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The index of runs from the stored runs (DynamoDB, so every reporter instance writes the same page):
 * {@code <report dir>/index.html}, rewritten after each run with links to the report files beside it, and the same
 * page with API links for {@code GET /api/v1/reports}.
 */
@Singleton
public class RunsIndex {

    private final RunStore store;
    private final ReportWriter writer;
    private final Clock clock;

    public RunsIndex(RunStore store, ReportWriter writer, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    public String render(RunsIndexPage.Links links) {
        return RunsIndexPage.render(store.runs(), links, clock.instant());
    }

    /** Rewrites {@code index.html} atomically. @return where */
    public Path write() {
        Path index = writer.directory().resolve(ReportWriter.INDEX);
        try {
            AtomicFiles.write(index, render(RunsIndexPage.Links.FILES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the runs index " + index, e);
        }
        return index;
    }
}
