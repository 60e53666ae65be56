package dev.faultline.reporter.inbound;

import dev.faultline.common.event.ChaosEvent;
import dev.faultline.common.verdict.RunVerdict;
import dev.faultline.reporter.index.RunsIndex;
import dev.faultline.reporter.report.ReportFiles;
import dev.faultline.reporter.report.ReportWriter;
import dev.faultline.reporter.report.RunReport;
import dev.faultline.reporter.store.RunStore;
import dev.faultline.reporter.store.StoredRun;
import dev.faultline.reporter.telemetry.ReporterMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a verdict sets off: the run's events are read back from DynamoDB (the record of the run, whichever instance
 * received them), the reports are written, and only then is the run marked COMPLETED with their paths, so a
 * COMPLETED run always has its reports. Then the runs index is rewritten with it.
 */
@Singleton
public class RunCompletion {

    private static final Logger LOG = Logger.getLogger(RunCompletion.class);

    private final RunStore store;
    private final ReportWriter writer;
    private final RunsIndex index;
    private final Clock clock;
    private final ReporterMetrics metrics;

    public RunCompletion(RunStore store, ReportWriter writer, RunsIndex index, Clock clock) {
        this(store, writer, index, clock, ReporterMetrics.discarding());
    }

    @Inject
    public RunCompletion(RunStore store, ReportWriter writer, RunsIndex index, Clock clock, ReporterMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.writer = writer;
        this.index = index;
        this.clock = clock;
    }

    public ReportFiles complete(RunVerdict verdict) {
        List<ChaosEvent> events = store.events(verdict.runId());
        Optional<StoredRun> run = store.findRun(verdict.runId());
        RunReport report = RunReport.of(verdict, events, run.flatMap(StoredRun::experiment));
        ReportFiles files = write(report);
        store.complete(verdict, files.json(), files.markdown(), clock.instant());
        metrics.runStored(verdict.verdict());
        try {
            index.write();
        } catch (RuntimeException e) {
            // The run and its reports are recorded; the index is a view of them that the next run rewrites, so a
            // failure here must not nack the verdict and stop the consumer.
            LOG.warnf(e, "run %s: the runs index could not be rewritten", verdict.runId());
        }
        return files;
    }

    private ReportFiles write(RunReport report) {
        Instant started = clock.instant();
        try {
            ReportFiles files = writer.write(report);
            metrics.reportWritten(Duration.between(started, clock.instant()));
            return files;
        } catch (RuntimeException e) {
            metrics.reportWriteFailed();
            throw e;
        }
    }
}
