package dev.faultline.reporter.inbound;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.reporter.report.ReportFiles;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.report.RunReport;
import dev.faultline.reporter.store.RunStore;
import dev.faultline.reporter.store.StoredRun;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a verdict sets off: the run's events are read back from DynamoDB (the record of the run, whichever instance
 * received them), the reports are written, and only then is the run marked COMPLETED with their paths, so a
 * COMPLETED run always has its reports.
 */
@Singleton
public class RunCompletion {

    private final RunStore store;
    private final ReportWriter writer;
    private final Clock clock;

    public RunCompletion(RunStore store, ReportWriter writer, Clock clock) {
        this.store = store;
        this.writer = writer;
        this.clock = clock;
    }

    public ReportFiles complete(RunVerdict verdict) {
        List<ChaosEvent> events = store.events(verdict.runId());
        Optional<StoredRun> run = store.findRun(verdict.runId());
        RunReport report = RunReport.of(verdict, events, run.flatMap(StoredRun::experiment));
        ReportFiles files = writer.write(report);
        store.complete(verdict, files.json(), files.markdown(), clock.instant());
        return files;
    }
}
